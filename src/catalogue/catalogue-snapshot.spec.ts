import { CatalogueRepository, StampedService, StampRead } from './catalogue.repository';
import { CatalogueSnapshotCache } from './catalogue-snapshot';
import { ServiceRow } from './service-row';

/** A projected row as READ_STAMP / FIND_ALL_SERVICES return it. */
function row(id: string, version: number, over: Partial<ServiceRow> = {}): ServiceRow {
  return {
    id,
    name: `Service ${id}`,
    typeCode: 'counselling',
    municipalityCode: '461',
    minAge: null,
    maxAge: null,
    acceptsChildren: null,
    maxBoyAge: null,
    wheelchairAccessible: null,
    referralRoutes: ['SELF'],
    languages: ['da'],
    totalPlaces: null,
    freePlaces: null,
    capacityReportedAt: null,
    targetGroupCodes: ['women'],
    needCodes: ['safety'],
    coverage: { national: false, regionCodes: [], municipalityCodes: [] },
    continuesToIds: [],
    ifFullTryIds: [],
    description: null,
    phone: null,
    email: null,
    website: null,
    openingHours: null,
    open24h: null,
    anonymous: null,
    demo: null,
    version,
    updatedAt: null,
    verifiedAt: null,
    addressConfidential: false,
    publicAddress: null,
    organisationId: 'org',
    ...over,
  };
}

/**
 * The graph as the cache's two reads see it: services with the stamp of their last change. Not a
 * server: the repository's two methods over a map (the Cypher behind them is tested against
 * Neo4j in test/referral-cache.test.ts and test/query-plans.test.ts).
 */
function graph() {
  let seq = 0;
  const nodes = new Map<string, { service: ServiceRow; archived: boolean; stamp: number }>();
  const reads: string[] = [];
  const write = (service: ServiceRow, archived = false) => {
    seq++;
    nodes.set(service.id, { service, archived, stamp: seq });
  };
  const stamped = (since: number): StampedService[] =>
    [...nodes.values()]
      .filter((n) => n.stamp > since)
      .map((n) => ({ service: n.service, archived: n.archived }));
  const repo = {
    readStamp(since: number | null): Promise<StampRead> {
      reads.push(`stamp since ${since}`);
      return Promise.resolve({
        seq,
        services: nodes.size,
        changed: since === null ? [] : stamped(since),
      });
    },
    findAllServices(): Promise<StampedService[]> {
      reads.push('all');
      return Promise.resolve(stamped(-1));
    },
  };
  return {
    cache: new CatalogueSnapshotCache(repo as unknown as CatalogueRepository),
    write,
    remove: (id: string) => nodes.delete(id),
    reads,
  };
}

describe('CatalogueSnapshotCache', () => {
  it('loads every service once, then only what was stamped since, in one read', async () => {
    const g = graph();
    g.write(row('a', 1));
    g.write(row('b', 1));
    const first = await g.cache.snapshot();
    expect(first.servicesByIds(['b', 'a']).map((s) => s.id)).toEqual(['b', 'a']);
    expect(g.reads).toEqual(['stamp since null', 'all']);

    g.reads.length = 0;
    expect(await g.cache.snapshot()).toBe(first); // nothing changed: the same snapshot
    g.write(row('a', 2, { description: 'changed' }));
    g.write(row('b', 2), true); // archived
    g.write(row('c', 1));
    const next = await g.cache.snapshot();
    expect(g.reads).toEqual(['stamp since 2', 'stamp since 2']);
    expect(next.service('a')).toMatchObject({ version: 2, description: 'changed' });
    expect(next.get('a')?.row).toMatchObject({ id: 'a', needCodes: ['safety'] });
    expect(next.service('b')).toBeUndefined();
    expect(next.get('b')).toBeUndefined();
    expect(next.servicesByIds(['a', 'b', 'c']).map((s) => s.id)).toEqual(['a', 'c']);
    expect(next.size).toBe(2);
    // the earlier snapshot is never changed
    expect(first.service('a')?.version).toBe(1);
    expect(first.service('b')).toBeDefined();
  });

  it('reloads everything when services were deleted', async () => {
    const g = graph();
    g.write(row('a', 1));
    g.write(row('b', 1));
    await g.cache.snapshot();
    g.reads.length = 0;
    g.remove('b');
    g.write(row('c', 1));
    const next = await g.cache.snapshot();
    expect(g.reads).toEqual(['stamp since 2', 'all']);
    expect(next.servicesByIds(['a', 'b', 'c']).map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('never projects a confidential address: the snapshot holds what SERVICE_PROJECTION gives', async () => {
    const g = graph();
    g.write(row('a', 1, { addressConfidential: true, publicAddress: null }));
    const service = (await g.cache.snapshot()).service('a');
    expect(service).toMatchObject({ addressConfidential: true, publicAddress: null });
  });

  it('serves requests arriving during a read from the next read, which sees writes made before they arrived', async () => {
    const g = graph();
    g.write(row('a', 1));
    await g.cache.snapshot();
    g.reads.length = 0;
    const early = g.cache.snapshot(); // its read starts now
    g.write(row('a', 2)); // completed before the later requests arrive
    const late = [g.cache.snapshot(), g.cache.snapshot()];
    expect((await early).service('a')?.version).toBe(1);
    const [x, y] = await Promise.all(late);
    expect(x).toBe(y);
    expect(x.service('a')?.version).toBe(2);
    expect(g.reads).toEqual(['stamp since 1', 'stamp since 1']);
  });
});
