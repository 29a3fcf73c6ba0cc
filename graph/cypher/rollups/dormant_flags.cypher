// The date-free part of the 5-year dormant state-funded rule, as a flag on each patent of
// the institutions in $ids (indexed with grantDate: the dormant list pages by an index).
// State-funded, granted, valid, not implemented, no status giving a reason or an
// implementation ($excused), no deal. Written only where it changes.
UNWIND $ids AS id
MATCH (p:Patent {institutionId: id})
WITH p, (p.stateFunded = true AND p.grantDate IS NOT NULL
         AND coalesce(p.legalStatus, 'VALID') = 'VALID'
         AND coalesce(p.implemented, false) = false
         AND none(s IN coalesce(p.implStatuses, []) WHERE s IN $excused)
         AND NOT EXISTS { (p)<-[:OF_PATENT]-(:Transaction) }) AS dormant
WHERE p.dormant IS NULL OR p.dormant <> dormant
SET p.dormant = dormant
