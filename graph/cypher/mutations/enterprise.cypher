// The enterprise, when the caller may see it.
MATCH (e:Enterprise {creditCode: $creditCode})
WHERE __ENTERPRISE_SCOPE__
RETURN e.creditCode AS creditCode, e.name AS name
