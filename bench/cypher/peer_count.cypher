// Invention patents of a province.
MATCH (p:Patent {provinceCode: $province}) WHERE p.type = 'INVENTION'
RETURN count(p) AS total
