// Which of the given patents the caller may see (the others "do not exist" for it).
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
WHERE __PATENT_SCOPE__
RETURN p.appNo AS appNo, p.transferable AS transferable
