// The patents of a file that the hub holds, with the hash of their last base-library row.
UNWIND $appNos AS appNo
MATCH (p:Patent {appNo: appNo})
RETURN p.appNo AS appNo, p.baseHash AS hash
