UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
RETURN p.appNo AS appNo
