import { CatalogueService, ServiceFilterInput } from '../src/catalogue/catalogue.service';
import { CatalogueRepository, COUNT_ALL, FIND_PAGE } from '../src/catalogue/catalogue.repository';
import { listingIndexOf } from '../src/catalogue/listing-rows';
import { CatalogueSnapshotCache } from '../src/catalogue/catalogue-snapshot';
import { GeographyService } from '../src/geography/geography.service';
import { STAMP_CHANGE_OF_S } from '../src/catalogue/read-model-refresh';
import { ServiceRow } from '../src/catalogue/service-row';
import { decodeKeyCursor, encodeKeyCursor, Page, toKeysetPage } from '../src/common/pagination';
import { ServicePages } from '../src/catalogue/service-pages';
import { readMunicipalities, readTaxonomy } from '../seed/loader';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { closeApi, startApi, TestApi } from './support/api';
import { helpers, prng, syntheticNetwork } from './support/synthetic-network';
import { cypher } from '../src/neo4j/cypher';

/*
 * Speed never changes a listing: whether a page is decided on the cached rows (the API's path)
 * or, as when those are incomplete, in the graph from whatever node it starts from (a place, the
 * types, the needs, the groups, or the name index), random filters paged through with keyset
 * cursors give exactly the services, in exactly the order, and the total that one walk along the
 * name index with the same filter gives.
 */
const P = uniquePrefix('listing-diff');
const FILTERS = 60;

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  const network = syntheticNetwork({
    count: 250,
    seed: 20261129,
    prefix: P,
    now: new Date('2026-11-29T10:00:00Z'),
  });
  // several services share one name, so pages split between equal names (the id decides)
  const org = organisation(`${P}-org-same`);
  const same = ['c', 'a', 'e', 'b', 'd'].map((k, i) =>
    service(`${P}-same-${k}`, org.id, {
      name: 'Samme navn',
      municipalityCode: i % 2 === 0 ? '461' : '101',
      typeCode: 'womens-shelter',
      targetGroupCodes: ['women'],
      needCodes: ['safety'],
      coverage: { national: i === 4, regionCodes: i === 3 ? ['1083'] : [], municipalityCodes: [] },
    }),
  );
  await createListings(api.neo, [...network.organisations, org], [...network.services, ...same]);
  await api.neo.write(
    cypher`MATCH (s:Service) WHERE s.id STARTS WITH $prefix AND (s.id ENDS WITH '3' OR s.id = $archived)
     SET s.archived = true
     WITH s ${STAMP_CHANGE_OF_S}`,
    { prefix: P, archived: `${P}-same-b` },
  );
}, 240_000);

afterAll(() => closeApi(api, P));

/** The reference: one walk along the name index with the filter, and its count. */
async function reference(filter: ServiceFilterInput): Promise<{ ids: string[]; total: number }> {
  const query = await api.app.get(CatalogueService).resolveFilter(filter);
  const rows = await api.neo.read<{ service: ServiceRow }>(FIND_PAGE, {
    ...query,
    afterName: '',
    afterId: '',
    limit: 100_000,
  });
  const [count] = await api.neo.read<{ total: number }>(COUNT_ALL, { ...query });
  return { ids: rows.map((r) => r.service.id), total: count.total };
}

/** The graph's own pages (the path when the cached rows are incomplete), as the API's pages. */
async function graphPage(
  filter: ServiceFilterInput,
  page: { first: number; after?: string },
  withTotal: boolean,
): Promise<Page<{ id: string; name: string }>> {
  const query = await api.app.get(CatalogueService).resolveFilter(filter);
  const keys = decodeKeyCursor(page.after, 2);
  const after = keys ? { name: keys[0], id: keys[1] } : null;
  const { services, total } = await api.app
    .get(CatalogueRepository)
    .findPage(query, after, page.first + 1, withTotal);
  return toKeysetPage(services, page.first, after !== null, total, (s) => [s.name, s.id]);
}

/** Every page through the listing (the API's, or the graph's own), following endCursor. */
async function pageThrough(
  filter: ServiceFilterInput,
  first: number,
  withTotal: boolean,
  inGraph = false,
): Promise<{ ids: string[]; totals: number[]; pages: number }> {
  const listing = api.app.get(ServicePages);
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = inGraph
      ? await graphPage(filter, { first, after }, withTotal)
      : await listing.listServices(filter, { first, after }, withTotal);
    ids.push(...page.edges.map((e) => e.node.id));
    totals.push(page.totalCount);
    expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
    if (!page.pageInfo.hasNextPage) {
      return { ids, totals, pages };
    }
    after = page.pageInfo.endCursor ?? undefined;
  }
}

function randomFilters(): ServiceFilterInput[] {
  const { pick, some, chance } = helpers(prng(1129));
  const tax = readTaxonomy();
  const municipalities = readMunicipalities();
  const regions = [...new Set(municipalities.map((m) => m.regionCode))];
  return Array.from({ length: FILTERS }, () => {
    const f: ServiceFilterInput = {};
    const place = pick(['municipality', 'region', 'none', 'none']);
    if (place === 'municipality') {
      f.municipalityCode = pick(['461', '101', '851', pick(municipalities).code]);
    } else if (place === 'region') {
      f.regionCode = pick(regions);
    }
    if (chance(0.5)) {
      f.includeNational = chance(0.5);
    }
    if (chance(0.3)) {
      f.typeCodes = some(
        tax.serviceTypes.map((t) => t.code),
        1,
        2,
      );
    }
    if (chance(0.5)) {
      f.needCodes = some(
        tax.needs.map((n) => n.code),
        1,
        2,
      );
    }
    if (chance(0.5)) {
      f.targetGroupCodes = some(
        tax.targetGroups.map((g) => g.code),
        1,
        2,
      );
    }
    if (chance(0.15)) {
      f.languages = some(['da', 'en', 'ar', 'so', 'tr', 'uk'], 1, 2);
    }
    return f;
  });
}

it('gives every filter the same services, order and total, with and without the total', async () => {
  const mismatches: unknown[] = [];
  for (const filter of randomFilters()) {
    const expected = await reference(filter);
    for (const [withTotal, inGraph] of [
      [true, false],
      [false, false],
      [true, true],
      [false, true],
    ]) {
      const got = await pageThrough(filter, 7, withTotal, inGraph);
      // without the total asked for, its value is never sent (a start counts it anyway)
      if (
        JSON.stringify(got.ids) !== JSON.stringify(expected.ids) ||
        (withTotal && got.totals.some((t) => t !== expected.total))
      ) {
        mismatches.push({ filter, withTotal, inGraph, expected, got });
      }
    }
  }
  expect(mismatches).toEqual([]);
}, 300_000);

it('decides the API’s pages on the cached rows (every service has a place)', async () => {
  const geo = await api.app.get(GeographyService).get();
  const snapshot = await api.app.get(CatalogueSnapshotCache).snapshot();
  const index = listingIndexOf(snapshot, [
    ...geo.regions.map((r) => r.code),
    ...geo.municipalities.map((m) => m.code),
  ]);
  expect(index.complete).toBe(true);
  // the 255 written less the archived ones
  expect(index.all.length).toBeGreaterThan(200);
});

describe('keyset cursors', () => {
  const filter = { municipalityCode: '461', typeCodes: ['womens-shelter'] };
  const same = (keys: string[]) => keys.map((k) => `${P}-same-${k}`);
  const list = (f: ServiceFilterInput, after: string | undefined, first = 100) =>
    api.app.get(ServicePages).listServices(f, { first, after }, true);

  it('split equal names by id, also across pages', async () => {
    const all = await list(filter, undefined);
    const names = all.edges.filter((e) => e.node.name === 'Samme navn').map((e) => e.node.id);
    // b is archived; c, d and e are located in 461, a in 101
    expect(names).toEqual(same(['c', 'd', 'e']));
    const next = await list(filter, encodeKeyCursor(['Samme navn', `${P}-same-c`]), 1);
    expect(next.edges.map((e) => e.node.id)).toEqual(same(['d']));
    expect(next.totalCount).toBe(all.totalCount);
  });

  it('continue after a key whose service is archived or gone', async () => {
    const page = await list(filter, encodeKeyCursor(['Samme navn', `${P}-same-b`]));
    expect(page.edges.map((e) => e.node.id).slice(0, 2)).toEqual(same(['c', 'd']));
    const gone = await list(filter, encodeKeyCursor(['Samme navn', `${P}-same-cc`]));
    expect(gone.edges[0]?.node.id).toBe(`${P}-same-d`);
  });

  it('give an empty last page after the end, with the total and no next page', async () => {
    const page = await list(filter, encodeKeyCursor(['\uffff', '']));
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
    expect(page.totalCount).toBe((await list(filter, undefined)).totalCount);
  });

  it('start at the beginning after an empty key', async () => {
    const page = await list({ regionCode: '1083' }, encodeKeyCursor(['', '']), 5);
    const first = await list({ regionCode: '1083' }, undefined, 5);
    expect(page.edges.map((e) => e.node.id)).toEqual(first.edges.map((e) => e.node.id));
  });
});
