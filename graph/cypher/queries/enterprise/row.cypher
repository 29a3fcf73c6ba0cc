// An enterprise as returned: contact and phone only where private/enterprise allows.
[priv IN [{{private.enterprise}}] | e {.*,
  contact: CASE WHEN priv THEN e.contact END,
  phone: CASE WHEN priv THEN e.phone END}][0]
