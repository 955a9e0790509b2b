// API tokens: looked up by the SHA-256 of the token (never the token itself).
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE;

// The audit trail of listings: (:Service)-[:HAS_AUDIT]->(:AuditEntry), newest first.
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
CREATE RANGE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at);
