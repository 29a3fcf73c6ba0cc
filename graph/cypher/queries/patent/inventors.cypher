// Inventors of each patent in filing order (the patent itself was read under scope).
UNWIND $keys AS key
MATCH (n:Inventor)-[r:INVENTED]->(:Patent {appNo: key})
RETURN key, {{include.inventor/row}} AS row
ORDER BY key, r.order, n.name
