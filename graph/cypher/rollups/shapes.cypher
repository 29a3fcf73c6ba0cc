// What tells a roll-up's shape (graph/rollup_delta.py, old_shape): the lists a newer shape
// added beside the older ones.
MATCH (r:InstitutionRollup)
RETURN r.institutionId AS id,
       r {.quarters, .quarterItems, .dormantYears, .dormantMonthsO, .industryIds, .shares,
         .shareIndustryKeys}
       AS shape
