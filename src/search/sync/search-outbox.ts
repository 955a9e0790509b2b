import { Global, Injectable, Module } from '@nestjs/common';
import { ListingChanges } from '../../common/listing-changes';
import { run, Tx } from '../../neo4j/neo4j.service';
import { REFRESH_SEARCH_TEXT_OF_S, SEARCH_TEXT_VOCABULARY } from '../neo4j/search-text';
import { cypher } from '../../neo4j/cypher';

const RECORD = cypher`
UNWIND $serviceIds AS serviceId
OPTIONAL MATCH (s:Service {id: serviceId})
${REFRESH_SEARCH_TEXT_OF_S}
CREATE (:SearchOutbox {id: randomUUID(), serviceId: serviceId, version: s.version, lane: $lane,
  createdAt: datetime(), attempts: 0, done: false})`;

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
    await run(tx, RECORD, { serviceIds: ids, lane, ...SEARCH_TEXT_VOCABULARY });
  }
}

@Global()
@Module({
  providers: [SearchOutbox, { provide: ListingChanges, useExisting: SearchOutbox }],
  exports: [SearchOutbox, ListingChanges],
})
export class SearchOutboxModule {}
