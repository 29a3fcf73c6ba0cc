// The 20 best-scored transferable patents for an enterprise, as one statement written by
// hand for the national view: candidates are the hits of its need texts in the full-text
// index, patents in its industries and patents sharing an IPC prefix of its needs, scored
// by the five reasons of the hub's matching (shared IPC, shared industry, need bigrams in
// title or abstract, same province, prior evaluations by similar enterprises).
CALL () {
  UNWIND $texts AS text
  CALL db.index.fulltext.queryNodes('patent_text', text, {limit: $perBranch}) YIELD node
  WITH node WHERE node.transferable = true
  RETURN node AS p
  UNION
  UNWIND $industryIds AS id
  MATCH (:Industry {id: id})<-[:PART_OF*0..3]-(:Industry)<-[:IN_INDUSTRY]-(node:Patent)
  WHERE node.transferable = true
  WITH DISTINCT node LIMIT $perBranch
  RETURN node AS p
  UNION
  UNWIND $ipcPrefixes AS prefix
  MATCH (node:Patent) WHERE node.ipcMain STARTS WITH prefix AND node.transferable = true
  WITH node LIMIT $perBranch
  RETURN node AS p
}
WITH DISTINCT p
WHERE NOT EXISTS { (p)-[:OWNED_BY]->(:Enterprise {creditCode: $creditCode}) }
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  WHERE a.id IN $industries
  RETURN max(CASE WHEN a IS NULL THEN 0.0 WHEN a.level >= 2 THEN 1.0 ELSE 0.6 END)
         AS industry
}
CALL (p) {
  OPTIONAL MATCH (o:Enterprise)-[:SUBMITTED]->(v:Evaluation)-[:EVALUATES]->(p)
  WHERE o.creditCode <> $creditCode
    AND EXISTS { (o)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(x:Industry)
                 WHERE x.id IN $similarIds }
  RETURN coalesce(avg(toFloat(v.prospect)) / 5.0, 0.0) AS prior
}
WITH p, industry, prior, toLower(p.title) AS title, toLower(coalesce(p.abstract, '')) AS abstract,
     [c IN [p.ipcMain] + coalesce(p.ipcCodes, []) WHERE c IS NOT NULL] AS codes
WITH p, industry, prior,
     reduce(best = 0.0, grams IN $needGrams |
       CASE WHEN best > toFloat(size([g IN grams WHERE title CONTAINS g OR abstract CONTAINS g]))
                        / size(grams)
            THEN best
            ELSE toFloat(size([g IN grams WHERE title CONTAINS g OR abstract CONTAINS g]))
                 / size(grams) END) AS text,
     CASE WHEN any(q IN $ipcPrefixes WHERE any(c IN codes WHERE left(c, 4) = left(q, 4)))
          THEN 1.0
          WHEN any(q IN $ipcPrefixes WHERE any(c IN codes WHERE left(c, 3) = left(q, 3)))
          THEN 0.6
          ELSE 0.0 END AS ipc
WITH p, round(30 * ipc + 25 * industry + 25 * round(text, 4)
              + CASE WHEN p.provinceCode = $provinceCode THEN 10 ELSE 0 END
              + 10 * round(prior, 4), 2) AS score
WHERE score > 0
ORDER BY score DESC, p.appNo
LIMIT 20
RETURN p.appNo AS appNo, p.title AS title, score
