// Which of the given experts the caller may see.
UNWIND $ids AS id
MATCH (x:Expert {id: id})
WHERE __EXPERT_SCOPE__
RETURN x.id AS id
