// "Something is wrong here" flags on listings: (:ListingFlag)-[:ABOUT]->(:Service), read by status
// for an organisation's open flags. :FlagLimit counts flags per client address (a SHA-256 digest,
// never the address) and expires (expiresAt, epoch ms): the API deletes expired ones every few
// minutes.
CREATE CONSTRAINT listing_flag_id IF NOT EXISTS FOR (f:ListingFlag) REQUIRE f.id IS UNIQUE;
CREATE RANGE INDEX listing_flag_status IF NOT EXISTS FOR (f:ListingFlag) ON (f.status);
CREATE CONSTRAINT flag_limit_client IF NOT EXISTS FOR (l:FlagLimit) REQUIRE l.client IS UNIQUE;
CREATE RANGE INDEX flag_limit_expires IF NOT EXISTS FOR (l:FlagLimit) ON (l.expiresAt);
