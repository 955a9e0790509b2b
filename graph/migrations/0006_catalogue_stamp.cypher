// The catalogue stamp: every statement that changes a service bumps the one
// :CatalogueStamp node's `seq` and sets the service's `stamp` to it, in the same transaction
// (STAMP_CHANGE_OF_S in src/catalogue/read-model-refresh.ts). A referral reads the stamp (one
// unique-index seek) and reloads only the light rows of services with a newer stamp, through
// this index; services written before keep no stamp and are read by the cache's first load.
CREATE CONSTRAINT catalogue_stamp_id IF NOT EXISTS FOR (c:CatalogueStamp) REQUIRE c.id IS UNIQUE;
CREATE RANGE INDEX service_stamp IF NOT EXISTS FOR (s:Service) ON (s.stamp);
