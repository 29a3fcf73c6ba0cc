// Whether the account a token names may act (hub/auth/accounts.py).
MATCH (a:Account {subject: $subject})
RETURN coalesce(a.disabled, false) AS disabled
LIMIT 1
