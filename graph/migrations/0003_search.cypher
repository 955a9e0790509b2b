// Search. The 0001 index `service_text` uses the `danish` analyzer, which stems but does
// not fold accents; search uses this index instead: standard tokenizer, lower case, ASCII folding
// (å→a, æ→ae, ø→o). `searchText` holds the description, the names of type, groups, needs,
// organisation and places (Danish and English), keywords, and the Danish ASCII forms (å→aa, æ→ae,
// ø→oe) of all of it. (Neo4j allows one full-text index per property set, hence name + searchText.)
CREATE FULLTEXT INDEX service_search IF NOT EXISTS FOR (s:Service) ON EACH [s.name, s.searchText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };

// The search outbox: changes waiting to be pushed to an external search engine.
CREATE CONSTRAINT search_outbox_id IF NOT EXISTS FOR (e:SearchOutbox) REQUIRE e.id IS UNIQUE;
CREATE RANGE INDEX search_outbox_pending IF NOT EXISTS FOR (e:SearchOutbox) ON (e.done, e.createdAt);
CREATE RANGE INDEX search_outbox_service IF NOT EXISTS FOR (e:SearchOutbox) ON (e.serviceId);
