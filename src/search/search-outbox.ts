import { Global, Injectable, Module } from '@nestjs/common';
import { run, Tx } from '../neo4j/neo4j.service';

/**
 * Records, inside the caller's write transaction, that services changed and must be re-indexed
 * for search. Every write that changes what a service looks like in search calls this, so the
 * change and its outbox entry commit (or fail) together.
 */
@Injectable()
export class SearchOutbox {
  async recordInTx(tx: Tx, serviceIds: string[]): Promise<void> {
    if (serviceIds.length === 0) {
      return;
    }
    await run(tx, RECORD, { serviceIds });
  }
}

const RECORD = `
UNWIND $serviceIds AS serviceId
MATCH (s:Service {id: serviceId})
CREATE (:SearchOutbox {serviceId: serviceId, version: s.version, createdAt: datetime(), attempts: 0, done: false})`;

@Global()
@Module({ providers: [SearchOutbox], exports: [SearchOutbox] })
export class SearchOutboxModule {}
