// The province of an institution, for a provincial sign-on provider's bounds.
MATCH (i:Institution {id: $id})
RETURN i.provinceCode AS province
