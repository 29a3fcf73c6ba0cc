// A person's console account; only the argon2id hash of the password is stored.
CREATE (u:UserAccount {
  username: $username,
  name: $name,
  role: $role,
  scope: $scope,
  unit: $unit,
  passwordHash: $passwordHash,
  source: $source,
  disabled: false,
  failedLogins: 0,
  lockedUntil: null,
  validAfter: 0,
  createdAt: datetime()
})
RETURN u.username AS username
