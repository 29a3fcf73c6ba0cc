// Central supervising bodies; local bodies are provinces, never Ministry nodes.
UNWIND $rows AS row
MERGE (m:Ministry {code: row.code})
SET m.name = row.name, m.central = true, m.description = row.description,
    m.aliases = row.aliases
