import { randomBytes } from 'node:crypto';
import { GeographyService } from '../src/geography/geography.service';
import { meilisearch } from '../src/search/meilisearch/meili-client';
import { reindexMeilisearch } from '../src/search/sync/meilisearch-reindex';
import { MeilisearchSearchIndex } from '../src/search/meilisearch/meilisearch-search-index';
import { SearchDocument } from '../src/search/search-document';
import { SearchSyncTarget } from '../src/search/search-index';
import { SearchOutbox } from '../src/search/sync/search-outbox';
import { SearchSyncRepository } from '../src/search/sync/search-sync.repository';
import {
  DEFAULT_SYNC_OPTIONS,
  SearchSyncWorker,
  SyncOptions,
} from '../src/search/sync/search-sync.worker';
import { SearchSourceRepository } from '../src/search/sync/search-source.repository';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';
import { closeApi, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { withMeili } from './support/throwaway-meili';
import { cypher } from '../src/neo4j/cypher';
import { NO_FILTER } from '../src/catalogue/service-query';

const P = uniquePrefix('outbox');
const org = `${P}-org`;

/**
 * A stand-in for the *target* of the worker (what Meilisearch would hold), so these tests exercise
 * the worker and the outbox, not Meilisearch. It can be made to fail, and can run a hook while a
 * push is in flight (to simulate a concurrent write).
 */
class FakeTarget implements SearchSyncTarget {
  readonly docs = new Map<string, SearchDocument>();
  failing = false;
  pushes = 0;
  duringUpsert: (() => Promise<void>) | null = null;

  versions(ids: string[]): Promise<Map<string, number>> {
    return Promise.resolve(
      new Map(ids.flatMap((id) => (this.docs.has(id) ? [[id, this.docs.get(id)!.version]] : []))),
    );
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.pushes += 1;
    if (this.failing) {
      throw new Error('target down');
    }
    const hook = this.duringUpsert;
    this.duringUpsert = null;
    if (hook) {
      await hook();
    }
    documents.forEach((d) => this.docs.set(d.id, d));
  }

  remove(ids: string[]): Promise<void> {
    if (this.failing) {
      return Promise.reject(new Error('target down'));
    }
    ids.forEach((id) => this.docs.delete(id));
    return Promise.resolve();
  }
}

let api: TestApi;
let outbox: SearchSyncRepository;
let clock: number;

function worker(target: SearchSyncTarget, options: Partial<SyncOptions> = {}): SearchSyncWorker {
  return new SearchSyncWorker(
    api.app.get(SearchSourceRepository),
    outbox,
    target,
    api.app.get(TaxonomyService),
    api.app.get(GeographyService),
    { batchSize: 1000, backoffBaseMs: 1000, backoffMaxMs: 60_000, now: () => clock, ...options },
  );
}

/** A write through the outbox contract: change + entry in one transaction. */
async function rename(id: string, name: string): Promise<void> {
  await api.neo.writeTx(async (tx) => {
    await tx.run('MATCH (s:Service {id: $id}) SET s.name = $name, s.version = s.version + 1', {
      id,
      name,
    });
    await api.app.get(SearchOutbox).recordInTx(tx, [id]);
  });
}

beforeAll(async () => {
  api = await startApi();
  outbox = api.app.get(SearchSyncRepository);
  clock = Date.now();
});

afterAll(() => closeApi(api, P));

describe('search outbox', () => {
  it('records an entry and refreshes searchText in the same transaction as the change', async () => {
    const id = `${P}-written`;
    await createListings(
      api.neo,
      [organisation(org)],
      [service(id, org, { name: 'Skrevet Børnehus' })],
    );
    const entries = await outbox.entriesOf([id]);
    // A bulk write (the seed loader): the backlog lane.
    expect(entries.map((e) => [e.serviceId, e.version, e.lane, e.attempts, e.done])).toEqual([
      [id, 1, 'backlog', 0, false],
    ]);
    const [row] = await api.neo.read<{ text: string }>(
      cypher`MATCH (s:Service {id: $id}) RETURN s.searchText AS text`,
      { id },
    );
    expect(row.text).toContain('Skrevet Børnehus');
    expect(row.text).toContain('skrevet boernehus');
  });

  it('writes no entry when the transaction fails', async () => {
    const id = `${P}-written`;
    const before = await outbox.entriesOf([id]);
    await expect(
      api.neo.writeTx(async (tx) => {
        await tx.run('MATCH (s:Service {id: $id}) SET s.name = "Aldrig"', { id });
        await api.app.get(SearchOutbox).recordInTx(tx, [id]);
        throw new Error('the change fails after recording');
      }),
    ).rejects.toThrow('the change fails after recording');
    expect(await outbox.entriesOf([id])).toEqual(before);
    const [row] = await api.neo.read<{ name: string; text: string }>(
      cypher`MATCH (s:Service {id: $id}) RETURN s.name AS name, s.searchText AS text`,
      { id },
    );
    expect(row.name).toBe('Skrevet Børnehus');
    expect(row.text).not.toContain('Aldrig');
  });

  it('retries a failed push with growing backoff, never drops an entry, and catches up', async () => {
    const id = `${P}-retried`;
    await createListings(
      api.neo,
      [organisation(org)],
      [service(id, org, { name: 'Retry Rådgivning' })],
    );
    const target = new FakeTarget();
    target.failing = true;
    const w = worker(target);

    const first = await w.runOnce();
    expect(first.failed).toBeGreaterThan(0);
    let [entry] = await outbox.entriesOf([id]);
    expect(entry).toMatchObject({ attempts: 1, done: false, lastError: 'Error' });
    expect(entry.nextAttemptAtMs).toBe(clock + 1000);

    // Not due yet: nothing is taken.
    expect((await w.runOnce()).claimed).toBe(0);

    clock += 1000;
    await w.runOnce();
    [entry] = await outbox.entriesOf([id]);
    expect(entry).toMatchObject({ attempts: 2, done: false });
    expect(entry.nextAttemptAtMs).toBe(clock + 2000);

    // Meanwhile the service changes again: a second entry, also kept.
    await rename(id, 'Retry Rådgivning 2');
    expect(await outbox.entriesOf([id])).toHaveLength(2);

    // The target comes back: everything pending is pushed, with the current state.
    target.failing = false;
    clock += 2000;
    const report = await w.drain();
    expect(report.failed).toBe(0);
    expect((await outbox.entriesOf([id])).map((e) => e.done)).toEqual([true, true]);
    expect(target.docs.get(id)).toMatchObject({ id, name: 'Retry Rådgivning 2', version: 2 });
    expect(JSON.stringify(target.docs.get(id))).not.toMatch(/address/i);
  });

  it('never lets an older version overwrite a newer document', async () => {
    const id = `${P}-stale`;
    await createListings(api.neo, [organisation(org)], [service(id, org, { name: 'Stale Ét' })]);
    const target = new FakeTarget();
    const w = worker(target);
    // A newer version is already in the index (pushed by another worker): it is kept.
    target.docs.set(id, { id, version: 7, name: 'Newer' } as SearchDocument);
    const report = await w.drain();
    expect(report.skippedNewer).toBeGreaterThanOrEqual(1);
    expect(target.docs.get(id)).toMatchObject({ version: 7, name: 'Newer' });
    expect((await outbox.entriesOf([id])).every((e) => e.done)).toBe(true);
  });

  it('pushes again when the service changed while its old state was being pushed', async () => {
    const id = `${P}-race`;
    await createListings(api.neo, [organisation(org)], [service(id, org, { name: 'Race Ét' })]);
    const target = new FakeTarget();
    const w = worker(target);
    // While version 1 is in flight, a write makes version 2 (and records its own entry).
    target.duringUpsert = () => rename(id, 'Race To');
    const first = await w.runOnce();
    expect(first.requeued).toBeGreaterThanOrEqual(1);
    expect(target.docs.get(id)).toMatchObject({ version: 1, name: 'Race Ét' });
    expect((await outbox.entriesOf([id])).map((e) => e.done)).toEqual([false, false]);
    await w.drain();
    expect(target.docs.get(id)).toMatchObject({ version: 2, name: 'Race To' });
    expect((await outbox.entriesOf([id])).map((e) => e.done)).toEqual([true, true]);
  });

  it('takes a fresh entry only in the fresh lane, the backlog only in the backlog lane', async () => {
    const ids = [`${P}-lane-bulk`, `${P}-lane-edit`];
    await createListings(
      api.neo,
      [organisation(org)],
      ids.map((id) => service(id, org, { name: 'Spor' })),
    );
    // An interactive edit (the default lane, as the directory's API writes record it).
    await rename(ids[1], 'Spor redigeret');
    const lanes = (await outbox.entriesOf(ids)).map((e) => [e.serviceId, e.lane]);
    expect(lanes.sort()).toEqual([
      [ids[0], 'backlog'],
      [ids[1], 'backlog'],
      [ids[1], 'fresh'],
    ]);
    const now = clock;
    const fresh = await outbox.claim(now, now + 1000, 5000, 'fresh');
    const mine = (entries: { serviceId: string }[]) =>
      entries.filter((e) => ids.includes(e.serviceId)).map((e) => e.serviceId);
    // The fresh lane takes the edited service with all its entries (one push covers them).
    expect(mine(fresh)).toEqual([ids[1], ids[1]]);
    await outbox.release(fresh.map((e) => e.id));
    const backlog = await outbox.claim(now, now + 1000, 5000, 'backlog');
    // The backlog lane leaves the fresh entry to the fresh lane.
    expect(mine(backlog).sort()).toEqual([ids[0], ids[1]]);
    await outbox.release(backlog.map((e) => e.id));
    await worker(new FakeTarget()).drain();
    expect((await outbox.entriesOf(ids)).every((e) => e.done)).toBe(true);
  });

  it('never lets two workers lease the same entry', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `${P}-lease-${String(i).padStart(2, '0')}`);
    await createListings(
      api.neo,
      [organisation(org)],
      ids.map((id) => service(id, org, { name: 'Lejet' })),
    );
    for (const id of ids.slice(0, 10)) {
      await rename(id, 'Lejet igen');
    }
    const due = await outbox.entriesOf(ids);
    // Four claims at once, each of every due entry it can get.
    const claims = await Promise.all(
      [0, 1, 2, 3].map((k) => outbox.claim(clock, clock + 1000, 5000, k % 2 ? 'mixed' : 'backlog')),
    );
    const leased = claims.flat();
    try {
      const ours = leased.filter((e) => ids.includes(e.serviceId)).map((e) => e.id);
      expect(new Set(leased.map((e) => e.id)).size).toBe(leased.length);
      expect(ours.sort()).toEqual(due.map((e) => e.id).sort());
    } finally {
      await outbox.release(leased.map((e) => e.id));
    }
    await worker(new FakeTarget()).drain();
  });

  it('removes the document of an archived service', async () => {
    const id = `${P}-archived`;
    await createListings(api.neo, [organisation(org)], [service(id, org, { name: 'Arkiv' })]);
    const target = new FakeTarget();
    const w = worker(target);
    await w.drain();
    expect(target.docs.has(id)).toBe(true);
    await api.neo.writeTx(async (tx) => {
      await tx.run('MATCH (s:Service {id: $id}) SET s.archived = true, s.version = 2', { id });
      await api.app.get(SearchOutbox).recordInTx(tx, [id]);
    });
    await w.drain();
    expect(target.docs.has(id)).toBe(false);
    expect((await outbox.entriesOf([id])).every((e) => e.done)).toBe(true);
  });
});

/** The ids the index finds for one word. */
async function found(index: MeilisearchSearchIndex, word: string): Promise<string[]> {
  const page = await index.search({
    terms: [word],
    text: word,
    filter: NO_FILTER,
    offset: 0,
    limit: 50,
  });
  return page.hits.map((h) => h.id).sort();
}

withMeili('search outbox with a real Meilisearch', ({ url, masterKey }) => {
  describe('search outbox with a real Meilisearch', () => {
    const indexUid = `henvis-outbox-${randomBytes(4).toString('hex')}`;
    let index: MeilisearchSearchIndex;

    const realWorker = (options: Partial<SyncOptions> = {}) =>
      worker(index, {
        batchSize: DEFAULT_SYNC_OPTIONS.batchSize,
        now: () => Date.now(),
        ...options,
      });

    beforeAll(async () => {
      index = new MeilisearchSearchIndex(
        { url, apiKey: masterKey, indexUid },
        api.app.get(TaxonomyService),
        api.app.get(GeographyService),
      );
      await index.prepare();
      // Whatever earlier tests left pending is pushed now, so each test below sees only its own.
      await realWorker({ batchSize: 1000 }).drain(1000);
    });

    afterAll(async () => {
      const { Meilisearch } = meilisearch();
      await new Meilisearch({ host: url, apiKey: masterKey }).deleteIndex(indexUid).waitTask();
    });

    it('pushes a change, then its archiving, to the index', async () => {
      const M = `zq${randomBytes(3).toString('hex')}`;
      const id = `${P}-real`;
      await createListings(
        api.neo,
        [organisation(org)],
        [service(id, org, { name: `Ægte ${M}`, address: null })],
      );
      await realWorker().drain();
      expect(await found(index, M)).toEqual([id]);
      expect((await outbox.entriesOf([id])).map((e) => e.done)).toEqual([true]);
      await api.neo.writeTx(async (tx) => {
        await tx.run('MATCH (s:Service {id: $id}) SET s.archived = true, s.version = 2', { id });
        await api.app.get(SearchOutbox).recordInTx(tx, [id]);
      });
      await realWorker().drain();
      expect(await found(index, M)).toEqual([]);
    });

    it('sends only the latest state of a listing once, however often it changed', async () => {
      const M = `zq${randomBytes(3).toString('hex')}`;
      const id = `${P}-often`;
      await createListings(api.neo, [organisation(org)], [service(id, org, { name: 'Ofte 0' })]);
      for (let i = 1; i <= 4; i++) {
        await rename(id, `Ofte ${i} ${M}`);
      }
      const report = await realWorker({ batchSize: 10 }).runOnce();
      expect(report).toMatchObject({ claimed: 5, upserted: 1, done: 5, requeued: 0 });
      expect((await outbox.entriesOf([id])).map((e) => e.done)).toEqual(Array(5).fill(true));
      expect(await index.versions([id])).toEqual(new Map([[id, 5]]));
      expect(await found(index, M)).toEqual([id]);
      expect((await realWorker().runOnce()).claimed).toBe(0);
    });

    it('a reindex marks done the entries recorded before it, not those recorded during it', async () => {
      const R = `${P}-reindex`;
      const M = `zq${randomBytes(3).toString('hex')}`;
      const ids = [`${R}-a`, `${R}-b`, `${R}-c`];
      await createListings(
        api.neo,
        [organisation(org)],
        ids.map((id) => service(id, org, { name: `Genindeks ${M}` })),
      );
      await rename(ids[0], `Genindeks ${M} igen`);
      const before = await outbox.entriesOf(ids);
      expect(before.map((e) => e.done)).toEqual([false, false, false, false]);
      // While the reindex reads the graph, one service changes (its new entry comes after the start).
      const graph = api.app.get(SearchSourceRepository);
      let changed = false;
      const hooked = Object.create(graph) as SearchSourceRepository;
      hooked.loadSources = async (batch) => {
        if (!changed && batch.includes(ids[1])) {
          changed = true;
          await rename(ids[1], `Genindeks ${M} under`);
        }
        return graph.loadSources(batch);
      };
      const report = await reindexMeilisearch({
        index,
        graph: hooked,
        outbox,
        taxonomy: api.app.get(TaxonomyService),
        geography: api.app.get(GeographyService),
      });
      expect(report.entriesDone).toBeGreaterThanOrEqual(before.length);
      const after = await outbox.entriesOf(ids);
      const done = new Map(after.map((e) => [e.id, e.done]));
      expect(before.map((e) => done.get(e.id))).toEqual([true, true, true, true]);
      expect(after.filter((e) => !before.some((b) => b.id === e.id))).toMatchObject([
        { serviceId: ids[1], version: 2, done: false },
      ]);
      expect(await found(index, M)).toEqual(ids);
      // The worker then has just that one entry of these services to push.
      const pushed = await realWorker().drain();
      expect(pushed.claimed).toBe(1);
      expect(await index.versions(ids)).toEqual(
        new Map([
          [ids[0], 2],
          [ids[1], 2],
          [ids[2], 1],
        ]),
      );
    });
  });
});
