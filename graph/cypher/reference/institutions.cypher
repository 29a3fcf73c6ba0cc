// Institutions (universities, research institutes, hospitals). Aliases added by other
// sources are kept: the file's aliases are merged into the stored list.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
SET i.name = row.name, i.kind = row.kind, i.provinceCode = row.provinceCode,
    i.city = row.city, i.ministryCode = row.ministryCode, i.localRun = row.localRun,
    i.level = row.level, i.remark = row.remark, i.pilot = row.pilot,
    i.demonstration = row.demonstration,
    i.aliases = reduce(acc = coalesce(i.aliases, []), a IN row.aliases |
      CASE WHEN a IN acc THEN acc ELSE acc + a END)
