// Industry classes of GB/T 4754-2017 and SEI 2018, keyed by "<scheme>:<code>".
UNWIND $rows AS row
MERGE (n:Industry {id: row.id})
SET n += row.props
