// Enterprise evaluation coverage of the transferable catalogue the caller answers for,
// from the roll-ups (an evaluation of a patent in the caller's oversight is visible to it).
MATCH (r:InstitutionRollup)
WHERE __ROLLUP_OVERSIGHT__
RETURN coalesce(sum(r.transferable), 0) AS transferable,
       coalesce(sum(r.transferableEvaluated), 0) AS evaluated
