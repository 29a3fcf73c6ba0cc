// The best-scored candidate patents for one enterprise. Candidates are transferable,
// visible to the caller, and found by the full-text index (need text), by industry, or by
// IPC prefix; each branch is capped. Every candidate is scored here, by five reasons of
// weight $weights (points) times a value 0-1, so only the $first best leave the database:
//   SHARED_IPC        1.0 when a code shares a subclass (4 characters) with $ipcPrefixes,
//                     0.6 a class (3); the hit is the longest shared prefix
//   SHARED_INDUSTRY   1.0 when the patent's industries (with their ancestors) share one of
//                     level 2 or finer with $industries, 0.6 only a level-1 one
//   TEXT_SIMILARITY   best share, over the needs, of a need's bigrams ($needGrams, the
//                     boilerplate left out) found in the title or abstract
//   SAME_PROVINCE     1.0 in the enterprise's province
//   PRIOR_EVALUATIONS mean prospect / 5 of evaluations by "similar" enterprises (sharing
//                     an industry of level 2 or finer, $similarIds) the caller may see
// Values are rounded to 4 places, contributions and the score to 2.
CALL () {
  UNWIND $texts AS q
  CALL db.index.fulltext.queryNodes('patent_text', q, {limit: $perBranch}) YIELD node
  WITH node AS p
  WHERE p.transferable = true AND __PATENT_SCOPE__
  RETURN p
  UNION
  UNWIND $industryIds AS iid
  MATCH (:Industry {id: iid})<-[:PART_OF*0..3]-(:Industry)<-[:IN_INDUSTRY]-(p:Patent)
  WHERE p.transferable = true AND __PATENT_SCOPE__
  WITH DISTINCT p LIMIT $perBranch
  RETURN p
  UNION
  UNWIND $ipcPrefixes AS pre
  MATCH (p:Patent)
  WHERE p.ipcMain STARTS WITH pre AND p.transferable = true AND __PATENT_SCOPE__
  WITH DISTINCT p LIMIT $perBranch
  RETURN p
}
WITH DISTINCT p
WHERE NOT EXISTS { (p)-[:OWNED_BY]->(:Enterprise {creditCode: $creditCode}) }
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  WHERE a.id IN $industries
  WITH DISTINCT a
  RETURN collect(a {.id, .name, deep: coalesce(a.level, 1) >= 2}) AS shared
}
CALL (p) {
  OPTIONAL MATCH (o:Enterprise)-[:SUBMITTED]->(v:Evaluation)-[:EVALUATES]->(p)
  WHERE o.creditCode <> $creditCode
    AND EXISTS { (o)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(x:Industry)
                 WHERE x.id IN $similarIds }
    AND __EVALUATION_SCOPE__
  RETURN count(v.prospect) AS priors, avg(toFloat(v.prospect)) AS prospect
}
WITH p, shared, priors, prospect,
     toLower(coalesce(p.title, '')) AS title, toLower(coalesce(p.abstract, '')) AS abstract,
     [c IN [p.ipcMain] + coalesce(p.ipcCodes, []) WHERE c IS NOT NULL AND c <> ''] AS codes
WITH p, shared, priors, prospect, any(i IN shared WHERE i.deep) AS deep,
     [grams IN $needGrams | [g IN grams WHERE title CONTAINS g OR abstract CONTAINS g]]
       AS found,
     reduce(pairs = [], q IN $ipcPrefixes |
       pairs + [c IN codes | {code: c,
                              n: size([k IN range(1, size(q)) WHERE left(q, k) = left(c, k)])}])
       AS pairs
WITH p, priors, prospect,
     CASE WHEN deep THEN [i IN shared WHERE i.deep] ELSE shared END AS industries,
     reduce(best = {value: 0.0, grams: []}, k IN range(0, size(found) - 1) |
       CASE WHEN toFloat(size(found[k])) / size($needGrams[k]) > best.value
            THEN {value: toFloat(size(found[k])) / size($needGrams[k]), grams: found[k]}
            ELSE best END) AS text,
     reduce(best = {value: 0.0, hit: null}, m IN pairs |
       CASE WHEN (CASE WHEN m.n >= 4 THEN 1.0 WHEN m.n = 3 THEN 0.6 ELSE 0.0 END) > best.value
            THEN {value: CASE WHEN m.n >= 4 THEN 1.0 ELSE 0.6 END, hit: left(m.code, m.n)}
            ELSE best END) AS ipc
WITH p, [r IN [
       {kind: 'SHARED_IPC', value: ipc.value, hit: ipc.hit},
       {kind: 'SHARED_INDUSTRY',
        value: CASE WHEN industries = [] THEN 0.0 WHEN industries[0].deep THEN 1.0 ELSE 0.6 END,
        names: [i IN industries | coalesce(i.name, i.id)]},
       {kind: 'TEXT_SIMILARITY', value: text.value, grams: text.grams},
       {kind: 'SAME_PROVINCE',
        value: CASE WHEN p.provinceCode = $provinceCode THEN 1.0 ELSE 0.0 END,
        province: p.provinceCode},
       {kind: 'PRIOR_EVALUATIONS', value: coalesce(prospect / 5.0, 0.0), priors: priors,
        prospect: prospect}
     ] WHERE r.value > 0] AS held
WITH p, [r IN held | r {.*, value: round(CASE WHEN r.value > 1.0 THEN 1.0 ELSE r.value END, 4)}]
       AS held
WITH p, [r IN held | r {.*, weight: $weights[r.kind],
                         contribution: round($weights[r.kind] * r.value, 2)}] AS reasons
WITH p, reasons, round(reduce(s = 0.0, r IN reasons | s + r.contribution), 2) AS score
WHERE score > 0
ORDER BY score DESC, p.appNo
LIMIT $first
RETURN {{include.patent/row}} AS row, score, reasons
