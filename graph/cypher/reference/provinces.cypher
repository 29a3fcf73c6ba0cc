// Provinces (GB/T 2260), keyed by their two-digit code.
UNWIND $rows AS row
MERGE (p:Province {code: row.code})
SET p.name = row.name, p.short = row.short
