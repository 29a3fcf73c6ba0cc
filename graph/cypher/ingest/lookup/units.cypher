// Every unit (研究生院, 分校, 学院, 医学部, 附属医院 …) of an institution, with its aliases.
MATCH (u:Unit)
RETURN u.id AS id, u.name AS name, coalesce(u.aliases, []) AS aliases,
       u.institutionId AS institutionId
