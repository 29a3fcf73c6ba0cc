// Keys and indexes of the connectors' nodes (applied by connectors.schema.ensure and by
// graph.migrate); all IF NOT EXISTS.
CREATE CONSTRAINT connector_state_name IF NOT EXISTS FOR (n:ConnectorState) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (n:Change) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT change_sequence_name IF NOT EXISTS FOR (n:ChangeSequence) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT webhook_subscription_id IF NOT EXISTS FOR (n:WebhookSubscription) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dead_letter_id IF NOT EXISTS FOR (n:DeadLetter) REQUIRE n.id IS UNIQUE;
CREATE INDEX change_app_no IF NOT EXISTS FOR (n:Change) ON (n.appNo);
CREATE INDEX change_province IF NOT EXISTS FOR (n:Change) ON (n.provinceCode, n.seq);
CREATE INDEX change_catalogue IF NOT EXISTS FOR (n:Change) ON (n.catalogue, n.seq);
CREATE INDEX webhook_subscription_province IF NOT EXISTS FOR (n:WebhookSubscription) ON (n.province);
