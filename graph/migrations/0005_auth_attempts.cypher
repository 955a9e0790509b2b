// The attempt limit, shared by every API instance. Keys are SHA-256 digests: of the
// client address (:AuthAttempt), and of the address with a token that authenticated from it
// (:AuthTrust); neither an address nor a token is stored. Both expire (expiresAt, epoch ms): the
// API deletes expired ones every few minutes.
CREATE CONSTRAINT auth_attempt_client IF NOT EXISTS FOR (a:AuthAttempt) REQUIRE a.client IS UNIQUE;
CREATE CONSTRAINT auth_trust_key IF NOT EXISTS FOR (t:AuthTrust) REQUIRE t.key IS UNIQUE;
CREATE RANGE INDEX auth_attempt_expires IF NOT EXISTS FOR (a:AuthAttempt) ON (a.expiresAt);
CREATE RANGE INDEX auth_trust_expires IF NOT EXISTS FOR (t:AuthTrust) ON (t.expiresAt);
