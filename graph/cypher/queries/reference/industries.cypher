// Industry classes (public reference data), optionally of one scheme and level.
MATCH (n:Industry)
WHERE ($scheme IS NULL OR n.scheme = $scheme) AND ($level IS NULL OR n.level = $level)
  AND ($parent IS NULL OR EXISTS { (n)-[:PART_OF]->(:Industry {id: $parent}) })
RETURN {{include.industry/row}} AS row
ORDER BY n.scheme, n.level, n.code
