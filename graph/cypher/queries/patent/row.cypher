// A patent as returned to the caller: contact, phone and money fields are null unless the
// role may read them (private/patent.cypher), decided here, in the database. The owning
// institution's key is as private as the institution (its scope rule).
[priv IN [{{private.patent}}] | p {.*,
  institutionId: {{include.patent/institution_key}},
  contact: CASE WHEN priv THEN p.contact END,
  contactPhone: CASE WHEN priv THEN p.contactPhone END,
  feeStandard: CASE WHEN priv THEN p.feeStandard END,
  implAmount: CASE WHEN priv THEN p.implAmount END,
  priceBand: CASE WHEN priv THEN p.priceBand END}][0]
