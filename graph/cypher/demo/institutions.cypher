// Every institution the demo may give patents to, in a stable order.
MATCH (i:Institution)
RETURN i.id AS id, i.name AS name, i.kind AS kind, i.provinceCode AS provinceCode,
       i.ministryCode AS ministryCode, i.level AS level,
       coalesce(i.pilot, false) AS pilot, coalesce(i.demonstration, false) AS demonstration
ORDER BY i.id
