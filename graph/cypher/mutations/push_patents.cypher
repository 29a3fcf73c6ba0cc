// Patents pushed to an enterprise with the score and reasons of the push.
MATCH (e:Enterprise {creditCode: $creditCode})
UNWIND $items AS item
MATCH (p:Patent {appNo: item.appNo})
MERGE (p)-[r:PUSHED_TO]->(e)
SET r.at = datetime(), r.score = item.score, r.reasons = item.reasons, r.by = $by
RETURN count(r) AS pushed
