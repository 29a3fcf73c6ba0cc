// Declare (or withdraw) an open licence (开放许可, 专利法第50条).
MATCH (p:Patent {appNo: $appNo})
SET p.openLicence = $open,
    p.openLicenceFee = CASE WHEN $open THEN $fee ELSE null END,
    p.openLicenceSince = CASE WHEN $open THEN datetime() ELSE null END
RETURN p.appNo AS appNo, p.openLicence AS openLicence
