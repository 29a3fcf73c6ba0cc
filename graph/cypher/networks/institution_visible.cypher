// The centre institution, when the caller may see it.
MATCH (i:Institution {id: $id})
WHERE __INSTITUTION_SCOPE__
RETURN i.id AS id, i.name AS name
