// Remove a person's account (the demo people are recreated on every `make demo`).
MATCH (u:UserAccount {username: $username})
DELETE u
RETURN count(*) AS deleted
