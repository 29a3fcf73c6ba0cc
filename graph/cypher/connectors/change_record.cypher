// Change events, one per patent whose content hash moved; scope keys copied from the patent,
// and the write path that made the change (source).
UNWIND $rows AS r
MATCH (p:Patent {appNo: r.appNo})
CREATE (c:Change {
  seq: r.seq, appNo: r.appNo, kind: r.kind, hash: r.hash, at: datetime(), source: r.source,
  provinceCode: p.provinceCode, ministryCode: p.ministryCode, institutionId: p.institutionId,
  transferable: coalesce(p.transferable, false),
  catalogue: coalesce(p.transferable, false) OR coalesce(r.wasTransferable, false)
})
