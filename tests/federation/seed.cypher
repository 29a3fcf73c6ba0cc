// The federation tests' small graph: institutions in two provinces and their patents,
// with the scope keys denormalised onto each patent as docs/graph-model.md says.
UNWIND $institutions AS row
MERGE (pv:Province {code: row.provinceCode})
  ON CREATE SET pv.name = row.provinceName, pv.short = row.provinceShort
MERGE (i:Institution {id: row.id})
SET i.name = row.name, i.aliases = [], i.kind = row.kind, i.provinceCode = row.provinceCode,
    i.city = row.city, i.ministryCode = row.ministryCode, i.localRun = row.ministryCode IS NULL,
    i.level = '本科', i.pilot = false, i.demonstration = false
MERGE (i)-[:LOCATED_IN]->(pv)
WITH i, row
UNWIND row.patents AS pt
MERGE (p:Patent {appNo: pt.appNo})
SET p.title = pt.title, p.abstract = pt.abstract, p.type = 'INVENTION',
    p.filingDate = date(pt.filingDate), p.grantDate = date(pt.grantDate),
    p.grantYear = date(pt.grantDate).year, p.legalStatus = 'VALID',
    p.ipcMain = pt.ipcMain, p.ipcCodes = [pt.ipcMain], p.ownerNames = [i.name],
    p.stateFunded = false, p.openLicence = false, p.transferable = pt.transferable,
    p.institutionId = i.id, p.provinceCode = i.provinceCode, p.ministryCode = i.ministryCode
MERGE (p)-[:OWNED_BY {order: 1}]->(i)
WITH i, p, pt
UNWIND range(0, size(pt.inventors) - 1) AS k
MERGE (v:Inventor {id: i.id + '/' + pt.inventors[k]})
  ON CREATE SET v.name = pt.inventors[k], v.institutionId = i.id
MERGE (v)-[:INVENTED {order: k + 1}]->(p)
MERGE (v)-[:AFFILIATED_WITH]->(i)
