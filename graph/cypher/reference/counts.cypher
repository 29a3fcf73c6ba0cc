// Node counts of the reference labels (served from the count store).
CALL () { MATCH (n:Province) RETURN count(n) AS Province }
CALL () { MATCH (n:Ministry) RETURN count(n) AS Ministry }
CALL () { MATCH (n:Institution) RETURN count(n) AS Institution }
CALL () { MATCH (n:Industry) RETURN count(n) AS Industry }
RETURN Province, Ministry, Institution, Industry
