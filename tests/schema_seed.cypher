// A small graph spanning three provinces and two ministries, for the schema tests.
// Visibility of the patents (P1..P6) per role is listed in tests/schema_support.py.
MERGE (bj:Province {code: '11'}) SET bj.name = '北京市', bj.short = '京'
MERGE (zj:Province {code: '33'}) SET zj.name = '浙江省', zj.short = '浙'
MERGE (gd:Province {code: '44'}) SET gd.name = '广东省', gd.short = '粤'
MERGE (moe:Ministry {code: 'MOE'}) SET moe.name = '教育部', moe.central = true
MERGE (cas:Ministry {code: 'CAS'}) SET cas.name = '中国科学院', cas.central = true
MERGE (c:Industry {id: 'GBT4754:C'}) SET c.scheme = 'GBT4754', c.code = 'C', c.name = '制造业', c.level = 1
MERGE (c38:Industry {id: 'GBT4754:38'}) SET c38.scheme = 'GBT4754', c38.code = '38', c38.name = '电气机械和器材制造业', c38.level = 2
MERGE (c384:Industry {id: 'GBT4754:384'}) SET c384.scheme = 'GBT4754', c384.code = '384', c384.name = '电池制造', c384.level = 3
MERGE (c3841:Industry {id: 'GBT4754:3841'}) SET c3841.scheme = 'GBT4754', c3841.code = '3841', c3841.name = '锂离子电池制造', c3841.level = 4
MERGE (a:Industry {id: 'GBT4754:A'}) SET a.scheme = 'GBT4754', a.code = 'A', a.name = '农、林、牧、渔业', a.level = 1
MERGE (a01:Industry {id: 'GBT4754:01'}) SET a01.scheme = 'GBT4754', a01.code = '01', a01.name = '农业', a01.level = 2
MERGE (s5:Industry {id: 'SEI2018:5'}) SET s5.scheme = 'SEI2018', s5.code = '5', s5.name = '新能源汽车产业', s5.level = 1
MERGE (s52:Industry {id: 'SEI2018:5.2'}) SET s52.scheme = 'SEI2018', s52.code = '5.2', s52.name = '新能源汽车装置、配件制造', s52.level = 2
MERGE (c38)-[:PART_OF]->(c)
MERGE (c384)-[:PART_OF]->(c38)
MERGE (c3841)-[:PART_OF]->(c384)
MERGE (a01)-[:PART_OF]->(a)
MERGE (s52)-[:PART_OF]->(s5)
MERGE (h:IpcClass {code: 'H01M'}) SET h.level = 'SUBCLASS'
MERGE (ah:IpcClass {code: 'A01H'}) SET ah.level = 'SUBCLASS'
MERGE (u1:Institution {id: 'T-U1'})
  SET u1.name = '北京新材料大学', u1.kind = 'UNIVERSITY', u1.provinceCode = '11', u1.city = '北京市',
      u1.ministryCode = 'MOE', u1.localRun = false, u1.level = '本科', u1.pilot = true,
      u1.demonstration = false, u1.aliases = ['北新大']
MERGE (u2:Institution {id: 'T-U2'})
  SET u2.name = '浙江工业技术大学', u2.kind = 'UNIVERSITY', u2.provinceCode = '33', u2.city = '杭州市',
      u2.ministryCode = null, u2.localRun = true, u2.level = '本科', u2.pilot = false,
      u2.demonstration = false, u2.aliases = []
MERGE (r3:Institution {id: 'RI-T3'})
  SET r3.name = '中国科学院广州能源测试研究所', r3.kind = 'RESEARCH_INSTITUTE', r3.provinceCode = '44',
      r3.city = '广州市', r3.ministryCode = 'CAS', r3.localRun = false, r3.aliases = []
MERGE (u1)-[:LOCATED_IN]->(bj) MERGE (u1)-[:SUPERVISED_BY]->(moe)
MERGE (u2)-[:LOCATED_IN]->(zj)
MERGE (r3)-[:LOCATED_IN]->(gd) MERGE (r3)-[:SUPERVISED_BY]->(cas)
CREATE (p1:Patent {appNo: '202310000001.1', title: '一种锂电池正极材料及其制备方法',
  abstract: '本发明涉及锂电池技术领域，公开了一种锂电池正极材料，该锂电池正极材料循环稳定性好。',
  type: 'INVENTION', filingDate: date('2023-01-10'), grantDate: date('2023-05-01'), grantYear: 2023,
  legalStatus: 'VALID', ipcMain: 'H01M4/58', ipcCodes: ['H01M4/58', 'H01M10/0525'],
  ownerNames: ['北京新材料大学'], stateFunded: true, openLicence: false, transferable: true,
  institutionId: 'T-U1', provinceCode: '11', ministryCode: 'MOE', inventoryState: 'SCREENED_IN',
  intents: ['LICENCE'], intentDetails: ['ORDINARY_LICENCE'], maturity: 'PILOT', rating: 5,
  implemented: false, implStatuses: ['NOT_IMPLEMENTED'], contact: '张老师', contactPhone: '010-62780000',
  feeStandard: 50.0, priceBand: 'P40_50', implAmount: 12.5})
CREATE (p2:Patent {appNo: '202210000002.5', title: '一种锂电池隔膜',
  abstract: '本实用方案涉及电池隔膜，可提高锂电池安全性。',
  type: 'INVENTION', filingDate: date('2022-02-01'), grantDate: date('2022-09-01'), grantYear: 2022,
  legalStatus: 'VALID', ipcMain: 'H01M50/409', ipcCodes: ['H01M50/409'], ownerNames: ['北京新材料大学'],
  stateFunded: false, openLicence: false, transferable: false, institutionId: 'T-U1',
  provinceCode: '11', ministryCode: 'MOE', inventoryState: 'SCREENED_OUT', rating: 3,
  implemented: false, contact: '张老师', contactPhone: '010-62780000'})
CREATE (p3:Patent {appNo: '202010000003.2', title: '正极材料的包覆方法',
  abstract: '采用原子层沉积对正极材料进行包覆，提高倍率性能。',
  type: 'INVENTION', filingDate: date('2020-03-01'), grantDate: date('2021-06-01'), grantYear: 2021,
  legalStatus: 'VALID', ipcMain: 'H01M4/525', ipcCodes: ['H01M4/525'], ownerNames: ['浙江工业技术大学'],
  stateFunded: false, openLicence: false, transferable: true, institutionId: 'T-U2',
  provinceCode: '33', ministryCode: null, inventoryState: 'SCREENED_IN', intents: ['TRANSFER'],
  maturity: 'SAMPLE', rating: 4, implemented: true, implStatuses: ['TRANSFERRED'],
  contact: '陈老师', contactPhone: '0571-88880000', feeStandard: 30.0, implAmount: 30.0})
CREATE (p4:Patent {appNo: '201910000004.3', title: '一种水稻育种方法',
  abstract: '通过分子标记辅助选择培育抗病水稻品种。',
  type: 'INVENTION', filingDate: date('2018-05-01'), grantDate: date('2019-11-01'), grantYear: 2019,
  legalStatus: 'VALID', ipcMain: 'A01H1/04', ipcCodes: ['A01H1/04'], ownerNames: ['中国科学院广州能源测试研究所'],
  stateFunded: true, openLicence: true, transferable: false, institutionId: 'RI-T3',
  provinceCode: '44', ministryCode: 'CAS', inventoryState: 'NOT_INVENTORIED', contact: '刘老师'})
CREATE (p5:Patent {appNo: '202120000005.8', title: '一种外壳',
  abstract: '一种可用于锂电池的外壳结构，包括壳体、盖板、密封圈、泄压阀、支架、散热片和固定螺栓等多个部件的组合结构。',
  type: 'UTILITY_MODEL', filingDate: date('2021-01-05'), grantDate: date('2021-08-01'), grantYear: 2021,
  legalStatus: 'VALID', ipcMain: 'H01M50/10', ipcCodes: ['H01M50/10'], ownerNames: ['中国科学院广州能源测试研究所'],
  stateFunded: false, openLicence: false, transferable: false, institutionId: 'RI-T3',
  provinceCode: '44', ministryCode: 'CAS', inventoryState: 'NOT_INVENTORIED', rating: 2,
  contact: '黄老师', contactPhone: '020-85550000'})
CREATE (p6:Patent {appNo: '202430000006.0', title: '电池包外观',
  abstract: '电池包的外观设计。', type: 'DESIGN', filingDate: date('2024-03-01'),
  legalStatus: 'PENDING', ownerNames: ['浙江工业技术大学'], stateFunded: false, openLicence: false,
  transferable: false, institutionId: 'T-U2', provinceCode: '33', ministryCode: null,
  inventoryState: 'NOT_INVENTORIED'})
CREATE (p1)-[:OWNED_BY {order: 1}]->(u1)
CREATE (p2)-[:OWNED_BY {order: 1}]->(u1)
CREATE (p3)-[:OWNED_BY {order: 1}]->(u2)
CREATE (p4)-[:OWNED_BY {order: 1}]->(r3)
CREATE (p5)-[:OWNED_BY {order: 1}]->(r3)
CREATE (p6)-[:OWNED_BY {order: 1}]->(u2)
CREATE (p1)-[:HAS_IPC {main: true}]->(h)
CREATE (p4)-[:HAS_IPC {main: true}]->(ah)
CREATE (p1)-[:IN_INDUSTRY {source: 'DECLARED'}]->(c3841)
CREATE (p1)-[:IN_INDUSTRY {source: 'IPC_CONCORDANCE'}]->(s52)
CREATE (p3)-[:IN_INDUSTRY {source: 'DERIVED'}]->(c384)
CREATE (p4)-[:IN_INDUSTRY {source: 'DERIVED'}]->(a01)
CREATE (w:Inventor {id: 'T-U1/王明', name: '王明', institutionId: 'T-U1'})
CREATE (l:Inventor {id: 'T-U1/李华', name: '李华', institutionId: 'T-U1'})
CREATE (cg:Inventor {id: 'T-U2/陈刚', name: '陈刚', institutionId: 'T-U2'})
CREATE (w)-[:INVENTED {order: 1}]->(p1)
CREATE (l)-[:INVENTED {order: 2}]->(p1)
CREATE (w)-[:INVENTED {order: 1}]->(p2)
CREATE (cg)-[:INVENTED {order: 1}]->(p3)
CREATE (w)-[:AFFILIATED_WITH]->(u1) CREATE (l)-[:AFFILIATED_WITH]->(u1) CREATE (cg)-[:AFFILIATED_WITH]->(u2)
CREATE (e1:Enterprise {creditCode: '91110000TEST00001A', name: '北京锂能科技有限公司',
  kinds: ['SRDI', 'HIGH_TECH'], provinceCode: '11', cityCode: '1101', address: '北京市海淀区',
  contact: '赵经理', phone: '010-88886666', aliases: []})
CREATE (e2:Enterprise {creditCode: '91330000TEST00002B', name: '浙江电池有限公司',
  kinds: ['SOE'], provinceCode: '33', cityCode: '3301', address: '杭州市',
  contact: '钱经理', phone: '0571-66668888', aliases: []})
CREATE (e1)-[:LOCATED_IN]->(bj) CREATE (e2)-[:LOCATED_IN]->(zj)
CREATE (e1)-[:IN_INDUSTRY]->(c3841)
CREATE (x1:Expert {id: 'X-T1', name: '孙教授', title: '教授', organisation: '浙江工业技术大学',
  provinceCode: '33', phone: '13900000000', email: 'sun@example.cn'})
CREATE (x1)-[:RECOMMENDED_BY]->(zj)
CREATE (x1)-[:EXPERT_IN]->(s52)
CREATE (x1)-[:ASSIGNED {at: datetime('2024-04-01T00:00:00Z'), by: 'NATIONAL'}]->(p5)
CREATE (v1:Evaluation {id: 'V1', evaluatorKind: 'ENTERPRISE', date: date('2024-05-01'), prospect: 4,
  maturity: 'PILOT', willingness: 'STRONG', priceExpectation: 40.0, score: 80.0, comment: '前景良好'})
CREATE (v2:Evaluation {id: 'V2', evaluatorKind: 'EXPERT', date: date('2024-05-02'), prospect: 3,
  willingness: 'MODERATE', score: 60.0, comment: '结构常规'})
CREATE (v3:Evaluation {id: 'V3', evaluatorKind: 'ENTERPRISE', date: date('2024-05-03'), prospect: 5,
  willingness: 'STRONG', priceExpectation: 35.0, score: 90.0})
CREATE (e1)-[:SUBMITTED]->(v1) CREATE (v1)-[:EVALUATES]->(p1)
CREATE (x1)-[:SUBMITTED]->(v2) CREATE (v2)-[:EVALUATES]->(p5)
CREATE (e2)-[:SUBMITTED]->(v3) CREATE (v3)-[:EVALUATES]->(p3)
CREATE (t1:Transaction {id: 'T1', kind: 'TRANSFER', paymentMode: 'ENTRY_FEE_ROYALTY', amount: 30.0,
  entryFee: 5.0, royaltyRate: 0.03, date: date('2024-06-01'), quarter: '2024Q2', registered: true})
CREATE (t1)-[:OF_PATENT]->(p3) CREATE (t1)-[:SELLER]->(u2) CREATE (t1)-[:BUYER]->(e1)
CREATE (p2)-[:PUSHED_TO {at: datetime('2024-04-02T00:00:00Z'), score: 0.8, reasons: ['IPC']}]->(e2)
CREATE (f1:ProductFiling {id: 'F1', productName: '高能量密度锂电池', date: date('2024-07-01'), quarter: '2024Q3'})
CREATE (e1)-[:FILED]->(f1) CREATE (f1)-[:USES]->(p3)
CREATE (n1:TechNeed {id: 'N1', text: '需要高镍正极包覆技术', ipcPrefixes: ['H01M4'],
  createdAt: datetime('2024-03-01T00:00:00Z')})
CREATE (e1)-[:STATES]->(n1)
