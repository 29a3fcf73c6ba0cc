// An expert as returned: phone and email only where private/expert allows.
[priv IN [{{private.expert}}] | x {.*,
  phone: CASE WHEN priv THEN x.phone END,
  email: CASE WHEN priv THEN x.email END}][0]
