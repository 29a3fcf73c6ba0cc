// Accounts: every kind (OAuth clients, people) is an :Account with a unique subject, the
// sub claim of its tokens. OAuth clients created before accounts existed become ones.
CREATE CONSTRAINT account_subject IF NOT EXISTS FOR (n:Account) REQUIRE n.subject IS UNIQUE;
MATCH (c:OAuthClient) WHERE c.subject IS NULL SET c:Account, c.subject = c.clientId;
