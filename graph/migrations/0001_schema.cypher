// Uniqueness on every id and code (each is backed by a range index).
CREATE CONSTRAINT region_code IF NOT EXISTS FOR (r:Region) REQUIRE r.code IS UNIQUE;
CREATE CONSTRAINT municipality_code IF NOT EXISTS FOR (m:Municipality) REQUIRE m.code IS UNIQUE;
CREATE CONSTRAINT service_type_code IF NOT EXISTS FOR (t:ServiceType) REQUIRE t.code IS UNIQUE;
CREATE CONSTRAINT target_group_code IF NOT EXISTS FOR (g:TargetGroup) REQUIRE g.code IS UNIQUE;
CREATE CONSTRAINT need_code IF NOT EXISTS FOR (n:Need) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (s:Service) REQUIRE s.id IS UNIQUE;

// Listing order and filters.
CREATE RANGE INDEX service_name IF NOT EXISTS FOR (s:Service) ON (s.name, s.id);
CREATE RANGE INDEX service_archived IF NOT EXISTS FOR (s:Service) ON (s.archived);
CREATE RANGE INDEX organisation_name IF NOT EXISTS FOR (o:Organisation) ON (o.name, o.id);
CREATE RANGE INDEX service_languages IF NOT EXISTS FOR (s:Service) ON (s.languages);

// Distance ranking.
CREATE POINT INDEX municipality_location IF NOT EXISTS FOR (m:Municipality) ON (m.location);

// Full-text search over what the public may read about a service (never its address).
CREATE FULLTEXT INDEX service_text IF NOT EXISTS FOR (s:Service) ON EACH [s.name, s.description, s.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'danish', `fulltext.eventually_consistent`: false } };
