// Which of the given patents the writing account may see (its read scope, spliced in):
// an enterprise evaluates only patents it sees.
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
WHERE __PATENT_SCOPE__
RETURN p.appNo AS appNo
