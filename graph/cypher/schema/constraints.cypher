// Keys of the graph model (docs/graph-model.md); each also backs an index.
CREATE CONSTRAINT province_code IF NOT EXISTS FOR (n:Province) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT ministry_code IF NOT EXISTS FOR (n:Ministry) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT patent_app_no IF NOT EXISTS FOR (n:Patent) REQUIRE n.appNo IS UNIQUE;
CREATE CONSTRAINT inventor_id IF NOT EXISTS FOR (n:Inventor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ipc_code IF NOT EXISTS FOR (n:IpcClass) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT industry_id IF NOT EXISTS FOR (n:Industry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_credit_code IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.creditCode IS UNIQUE;
CREATE CONSTRAINT expert_id IF NOT EXISTS FOR (n:Expert) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT evaluation_id IF NOT EXISTS FOR (n:Evaluation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT transaction_id IF NOT EXISTS FOR (n:Transaction) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_filing_id IF NOT EXISTS FOR (n:ProductFiling) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tech_need_id IF NOT EXISTS FOR (n:TechNeed) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT oauth_client_id IF NOT EXISTS FOR (n:OAuthClient) REQUIRE n.clientId IS UNIQUE;
CREATE CONSTRAINT user_account_username IF NOT EXISTS FOR (n:UserAccount) REQUIRE n.username IS UNIQUE;
// Per-institution roll-ups of the statistics (graph/rollups.py).
CREATE CONSTRAINT institution_rollup_id IF NOT EXISTS
  FOR (n:InstitutionRollup) REQUIRE n.institutionId IS UNIQUE;
// Units of institutions and owner names no registered party answers to.
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT owner_name IF NOT EXISTS FOR (n:OwnerName) REQUIRE n.name IS UNIQUE;
// Uploads over HTTP (hub/imports/): one node per uploaded file.
CREATE CONSTRAINT import_job_id IF NOT EXISTS FOR (n:ImportJob) REQUIRE n.id IS UNIQUE;
