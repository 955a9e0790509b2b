import { Global, Injectable, Module } from '@nestjs/common';
import { ListingChanges } from '../common/listing-changes';
import { run, Tx } from '../neo4j/neo4j.service';
import { KEYWORDS_BY_CODE, LANGUAGE_WORDS } from './search-vocabulary';
import { cypher } from '../neo4j/cypher';

/**
 * Recomputes `s.searchText` for `s` (null is skipped): the description, the Danish and English
 * names of type, groups, needs, organisation and places, keywords and language names, followed by
 * the Danish ASCII form of all of it (å → aa, æ → ae, ø → oe). Never an address.
 */
const REFRESH_SEARCH_TEXT_OF_S = cypher`
CALL {
  WITH s
  WITH s WHERE s IS NOT NULL
  WITH s,
    [s.name, coalesce(s.description, '')]
    + [(s)-[:OF_TYPE]->(t:ServiceType) | t.name + ' ' + t.nameEn + ' ' + coalesce($keywords[t.code], '')]
    + [(s)-[:SERVES]->(g:TargetGroup) | g.name + ' ' + g.nameEn + ' ' + coalesce($keywords[g.code], '')]
    + [(s)-[:MEETS]->(n:Need) | n.name + ' ' + n.nameEn + ' ' + coalesce($keywords[n.code], '')]
    + [(o:Organisation)-[:OPERATES]->(s) | o.name]
    + [(s)-[:LOCATED_IN]->(m:Municipality) | m.name]
    + [(s)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(r:Region) | r.name + ' ' + r.nameEn]
    + [(s)-[:COVERS]->(r:Region) | r.name + ' ' + r.nameEn]
    + [(s)-[:COVERS]->(m:Municipality) | m.name]
    + [l IN coalesce(s.languages, []) | coalesce($languageWords[l], l)] AS parts
  WITH s, reduce(text = '', p IN parts | text + ' ' + p) AS text
  SET s.searchText = trim(text + ' ' +
    replace(replace(replace(toLower(text), 'å', 'aa'), 'æ', 'ae'), 'ø', 'oe'))
}`;

const RECORD = cypher`
UNWIND $serviceIds AS serviceId
OPTIONAL MATCH (s:Service {id: serviceId})
${REFRESH_SEARCH_TEXT_OF_S}
CREATE (:SearchOutbox {id: randomUUID(), serviceId: serviceId, version: s.version, lane: $lane,
  createdAt: datetime(), attempts: 0, done: false})`;

const REFRESH = cypher`
UNWIND $serviceIds AS serviceId
OPTIONAL MATCH (s:Service {id: serviceId})
${REFRESH_SEARCH_TEXT_OF_S}
RETURN count(s) AS refreshed`;

const vocabulary = { keywords: KEYWORDS_BY_CODE, languageWords: LANGUAGE_WORDS };

/**
 * Which lane of the sync worker pushes an entry, fixed by where the write came from when it is
 * recorded: `fresh` for an interactive edit through the API (someone waits to see it in search),
 * `backlog` for bulk writes (seed, imports, scripts touching many listings). The worker serves
 * the fresh lane first and never queues it behind more than one backlog push.
 */
export type OutboxLane = 'fresh' | 'backlog';

/**
 * Records, inside the caller's write transaction, that services changed and must be re-indexed
 * for search. Every write that changes what a service looks like in search calls this, so the
 * change and its outbox entry commit (or fail) together.
 */
@Injectable()
export class SearchOutbox implements ListingChanges {
  /**
   * Refreshes the services' `searchText` (so the Neo4j full-text index is current when the
   * transaction commits) and writes one `:SearchOutbox` entry per id for the sync worker. Ids of
   * deleted services are recorded too (the worker then removes their documents). `lane`: see
   * OutboxLane; the directory's API writes use the default (`fresh`), bulk writers say `backlog`.
   */
  async recordInTx(tx: Tx, serviceIds: string[], lane: OutboxLane = 'fresh'): Promise<void> {
    const ids = [...new Set(serviceIds)];
    if (ids.length === 0) {
      return;
    }
    await run(tx, RECORD, { serviceIds: ids, lane, ...vocabulary });
  }

  /** Only refreshes `searchText` (reindexing, or services written before search existed). */
  async refreshInTx(tx: Tx, serviceIds: string[]): Promise<number> {
    const ids = [...new Set(serviceIds)];
    if (ids.length === 0) {
      return 0;
    }
    const [row] = await run<{ refreshed: number }>(tx, REFRESH, { serviceIds: ids, ...vocabulary });
    return row?.refreshed ?? 0;
  }
}

@Global()
@Module({
  providers: [SearchOutbox, { provide: ListingChanges, useExisting: SearchOutbox }],
  exports: [SearchOutbox, ListingChanges],
})
export class SearchOutboxModule {}
