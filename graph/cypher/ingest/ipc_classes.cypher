// IPC subclasses of a file with their class and section: H01M -PART_OF-> H01 -PART_OF-> H.
UNWIND $rows AS r
MERGE (sec:IpcClass {code: r.sec})
  ON CREATE SET sec.level = 'SECTION'
MERGE (cls:IpcClass {code: r.cls})
  ON CREATE SET cls.level = 'CLASS'
MERGE (sub:IpcClass {code: r.sub})
  ON CREATE SET sub.level = 'SUBCLASS'
MERGE (cls)-[:PART_OF]->(sec)
MERGE (sub)-[:PART_OF]->(cls)
