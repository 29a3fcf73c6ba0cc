// A patent as returned to the caller: contact, phone, money fields and the per-intent offers
// (which carry them) are null unless the role may read them (private/patent.cypher),
// decided here, in the database. The keys of the owning institutions and their units are as
// private as the institutions (their scope rule).
[priv IN [{{private.patent}}] | p {.*,
  institutionId: {{include.patent/institution_key}},
  institutionIds: {{include.patent/institution_keys}},
  unitIds: {{include.patent/unit_keys}},
  contact: CASE WHEN priv THEN p.contact END,
  contactPhone: CASE WHEN priv THEN p.contactPhone END,
  feeStandard: CASE WHEN priv THEN p.feeStandard END,
  implAmount: CASE WHEN priv THEN p.implAmount END,
  priceBand: CASE WHEN priv THEN p.priceBand END,
  intentOffers: CASE WHEN priv THEN p.intentOffers END}][0]
