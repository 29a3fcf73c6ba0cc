// Scope keys and filters: every scoped read starts with one of these seeks.
CREATE INDEX patent_province IF NOT EXISTS FOR (n:Patent) ON (n.provinceCode);
CREATE INDEX patent_ministry IF NOT EXISTS FOR (n:Patent) ON (n.ministryCode);
CREATE INDEX patent_institution IF NOT EXISTS FOR (n:Patent) ON (n.institutionId);
CREATE INDEX patent_inventory_state IF NOT EXISTS FOR (n:Patent) ON (n.inventoryState);
CREATE INDEX patent_open_licence IF NOT EXISTS FOR (n:Patent) ON (n.openLicence);
CREATE INDEX patent_transferable IF NOT EXISTS FOR (n:Patent) ON (n.transferable);
CREATE INDEX patent_grant_year IF NOT EXISTS FOR (n:Patent) ON (n.grantYear);
// Sort orders: a page of a date order is read in index order (queries/patent/sort.cypher).
CREATE INDEX patent_grant_date IF NOT EXISTS FOR (n:Patent) ON (n.grantDate);
CREATE INDEX patent_filing_date IF NOT EXISTS FOR (n:Patent) ON (n.filingDate);
CREATE INDEX patent_type IF NOT EXISTS FOR (n:Patent) ON (n.type);
CREATE TEXT INDEX patent_ipc_main IF NOT EXISTS FOR (n:Patent) ON (n.ipcMain);
CREATE INDEX institution_province IF NOT EXISTS FOR (n:Institution) ON (n.provinceCode);
CREATE INDEX institution_ministry IF NOT EXISTS FOR (n:Institution) ON (n.ministryCode);
CREATE INDEX institution_name IF NOT EXISTS FOR (n:Institution) ON (n.name);
CREATE INDEX enterprise_province IF NOT EXISTS FOR (n:Enterprise) ON (n.provinceCode);
CREATE INDEX enterprise_name IF NOT EXISTS FOR (n:Enterprise) ON (n.name);
CREATE INDEX expert_province IF NOT EXISTS FOR (n:Expert) ON (n.provinceCode);
CREATE INDEX transaction_quarter IF NOT EXISTS FOR (n:Transaction) ON (n.quarter);
CREATE INDEX product_filing_quarter IF NOT EXISTS FOR (n:ProductFiling) ON (n.quarter);
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
// Chinese full-text search: the cjk analyzer indexes character bigrams.
CREATE FULLTEXT INDEX patent_text IF NOT EXISTS FOR (n:Patent) ON EACH [n.title, n.abstract]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX institution_text IF NOT EXISTS FOR (n:Institution) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX enterprise_text IF NOT EXISTS FOR (n:Enterprise) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// Roll-ups: a province / ministry sums its institutions' roll-ups (graph/rollups.py).
CREATE INDEX institution_rollup_province IF NOT EXISTS FOR (n:InstitutionRollup) ON (n.provinceCode);
CREATE INDEX institution_rollup_ministry IF NOT EXISTS FOR (n:InstitutionRollup) ON (n.ministryCode);
// The dormant state-funded list pages in grant order by this index (flag set by roll-ups).
CREATE INDEX patent_dormant_grant IF NOT EXISTS FOR (n:Patent) ON (n.dormant, n.grantDate);
// Co-owned patents: the scope rules read the owners' keys of these (docs/scope.md).
CREATE INDEX patent_co_owned IF NOT EXISTS FOR (n:Patent) ON (n.coOwned);
// Only co-owned patents carry coOwned: the dormant co-owned candidates are a seek on this
// small index, not a filter over every dormant patent (statistics/dormant_co_owned.cypher).
CREATE INDEX patent_co_owned_dormant IF NOT EXISTS FOR (n:Patent) ON (n.coOwned, n.dormant, n.grantDate);
CREATE INDEX unit_institution IF NOT EXISTS FOR (n:Unit) ON (n.institutionId);
CREATE INDEX import_job_created IF NOT EXISTS FOR (n:ImportJob) ON (n.createdAt);
