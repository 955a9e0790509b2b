// The full-text index `service_text` (0001) is never queried: search reads `service_search`
// (0003, standard-folding analyzer). Dropping it saves maintaining it on every listing write.
// (0006 is left to a change made alongside this one.)
DROP INDEX service_text IF EXISTS;
