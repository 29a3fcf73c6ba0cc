// Patents as they are owned, for the scope tests of tests/test_schema_scope_owners.py:
// Q1 co-owned by T-A (Beijing, MOE; first owner) and T-B (Zhejiang, CAS), of T-B's unit
// 医学院; Q2 and Q3 of T-B, units 医学院 and 机械学院; Q4 of T-C (Guangdong, local); Q5 of T-A.
MERGE (bj:Province {code: '11'}) SET bj.name = '北京市'
MERGE (zj:Province {code: '33'}) SET zj.name = '浙江省'
MERGE (gd:Province {code: '44'}) SET gd.name = '广东省'
MERGE (moe:Ministry {code: 'MOE'}) SET moe.name = '教育部', moe.central = true
MERGE (cas:Ministry {code: 'CAS'}) SET cas.name = '中国科学院', cas.central = true
CREATE (a:Institution {id: 'T-A', name: '北京共有大学', kind: 'UNIVERSITY', provinceCode: '11',
  ministryCode: 'MOE', aliases: []})
CREATE (b:Institution {id: 'T-B', name: '浙江共有研究院', kind: 'RESEARCH_INSTITUTE',
  provinceCode: '33', ministryCode: 'CAS', aliases: []})
CREATE (c:Institution {id: 'T-C', name: '广东另一大学', kind: 'UNIVERSITY', provinceCode: '44',
  aliases: []})
CREATE (a)-[:LOCATED_IN]->(bj) CREATE (a)-[:SUPERVISED_BY]->(moe)
CREATE (b)-[:LOCATED_IN]->(zj) CREATE (b)-[:SUPERVISED_BY]->(cas)
CREATE (c)-[:LOCATED_IN]->(gd)
CREATE (med:Unit {id: 'T-B/医学院', name: '医学院', institutionId: 'T-B', aliases: []})
CREATE (mech:Unit {id: 'T-B/机械学院', name: '机械学院', institutionId: 'T-B', aliases: []})
CREATE (med)-[:PART_OF]->(b) CREATE (mech)-[:PART_OF]->(b)
CREATE (q1:Patent {appNo: $q[0], title: '一种共有的锂电池电极', type: 'INVENTION',
  legalStatus: 'VALID', ownerNames: ['北京共有大学', '浙江共有研究院医学院'], openLicence: false,
  transferable: false, institutionId: 'T-A', provinceCode: '11', ministryCode: 'MOE',
  coOwned: true, institutionIds: ['T-A', 'T-B'], provinceCodes: ['11', '33'],
  ministryCodes: ['CAS', 'MOE'], applicantUnits: ['T-B/医学院'], unitIds: ['T-B/医学院'],
  contact: '共有联系人', contactPhone: '010-62780000', feeStandard: 10.0,
  inventoryState: 'SCREENED_IN', intents: ['LICENCE'],
  intentOffers: [$offer]})
CREATE (q2:Patent {appNo: $q[1], title: '一种锂电池医用材料', type: 'INVENTION', legalStatus: 'VALID',
  ownerNames: ['浙江共有研究院'], openLicence: false, transferable: false, institutionId: 'T-B',
  provinceCode: '33', ministryCode: 'CAS', unitIds: ['T-B/医学院'], contact: '医学院联系人',
  inventoryState: 'NOT_INVENTORIED'})
CREATE (q3:Patent {appNo: $q[2], title: '一种机械锂电池外壳', type: 'DESIGN', legalStatus: 'VALID',
  locarnoClass: '13-02', ownerNames: ['浙江共有研究院'], openLicence: false, transferable: false,
  institutionId: 'T-B', provinceCode: '33', ministryCode: 'CAS', unitIds: ['T-B/机械学院'],
  contact: '机械学院联系人', inventoryState: 'NOT_INVENTORIED'})
CREATE (q4:Patent {appNo: $q[3], title: '一种广东锂电池', type: 'INVENTION', legalStatus: 'VALID',
  ownerNames: ['广东另一大学'], openLicence: false, transferable: false, institutionId: 'T-C',
  provinceCode: '44', contact: '广东联系人', inventoryState: 'NOT_INVENTORIED'})
CREATE (q5:Patent {appNo: $q[4], title: '一种北京锂电池', type: 'INVENTION', legalStatus: 'VALID',
  ownerNames: ['北京共有大学'], openLicence: false, transferable: false, institutionId: 'T-A',
  provinceCode: '11', ministryCode: 'MOE', contact: '北京联系人',
  inventoryState: 'NOT_INVENTORIED'})
CREATE (q1)-[:OWNED_BY {order: 1}]->(a) CREATE (q1)-[:OWNED_BY {order: 2}]->(b)
CREATE (q2)-[:OWNED_BY {order: 1}]->(b) CREATE (q3)-[:OWNED_BY {order: 1}]->(b)
CREATE (q4)-[:OWNED_BY {order: 1}]->(c) CREATE (q5)-[:OWNED_BY {order: 1}]->(a)
CREATE (v:Evaluation {id: 'VQ1', evaluatorKind: 'EXPERT', date: date('2024-05-01'), score: 70.0})
CREATE (v)-[:EVALUATES]->(q1)
