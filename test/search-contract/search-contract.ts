import { randomBytes } from 'node:crypto';
import { CatalogueRepository } from '../../src/catalogue/catalogue.repository';
import { CatalogueService } from '../../src/catalogue/catalogue.service';
import { ServiceFilterInput } from '../../src/catalogue/dto/service-filter.input';
import { GeographyService } from '../../src/geography/geography.service';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { Service } from '../../src/catalogue/models/service.model';
import { SearchServicesArgs } from '../../src/search/dto/search-services.args';
import { SERVICE_FIELDS_FROM_DOCUMENT } from '../../src/search/hit-document';
import { ServiceSearchResult } from '../../src/search/models/search.models';
import { SearchIndex } from '../../src/search/search-index';
import { SearchService } from '../../src/search/search.service';
import { SearchSourceRepository } from '../../src/search/sync/search-source.repository';
import { TaxonomyService } from '../../src/taxonomy/taxonomy.service';
import { startApi, TestApi } from '../support/api';
import {
  createListings,
  deleteByPrefix,
  organisation,
  service,
  uniquePrefix,
} from '../support/factory';
import { cypher } from '../../src/neo4j/cypher';

/** What each adapter's test file provides to the shared contract. */
export interface ContractAdapter {
  index: SearchIndex;
  /** Makes the index reflect the graph for these services (no-op where writes do it). */
  sync(serviceIds: string[]): Promise<void>;
  /** Everything the index holds about these services, as text. */
  indexedText(serviceIds: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface ContractContext {
  api: TestApi;
  neo: Neo4jService;
}

const SECRET_STREET = 'Hemmeligvej';

/**
 * The search contract every SearchIndex adapter must meet, run through SearchService (so hits are
 * the public Service model). The data is this file's own; every query carries a marker word that
 * only this data has, so results are exact whatever else the graph holds.
 */
export function describeSearchContract(
  name: string,
  makeAdapter: (ctx: ContractContext) => Promise<ContractAdapter>,
): void {
  describe(`search contract: ${name}`, () => {
    const P = uniquePrefix(`search-${name}`);
    const M = `zq${randomBytes(3).toString('hex')}`;
    const id = {
      shelter: `${P}-a-shelter`,
      house: `${P}-b-house`,
      legal: `${P}-c-legal`,
      mens: `${P}-d-mens`,
      rape: `${P}-e-rape`,
    };
    const pageIds = Array.from({ length: 12 }, (_, i) => `${P}-p${String(i).padStart(2, '0')}`);
    const allIds = [...Object.values(id), ...pageIds];
    // A second marker: the services the staleness case changes behind the index's back.
    const N = `zr${randomBytes(3).toString('hex')}`;
    const changed = { stale: `${P}-f-stale`, gone: `${P}-g-gone` };
    let api: TestApi;
    let adapter: ContractAdapter;
    let search: SearchService;

    beforeAll(async () => {
      api = await startApi();
      const org = `${P}-org`;
      await createListings(
        api.neo,
        [organisation(org, { name: `Org ${M}` }), organisation(`${P}-org2`, { name: 'Org To' })],
        [
          service(id.shelter, org, {
            name: 'Alfa Kvindekrisecenter',
            description: `Døgnåbent ${M}`,
            typeCode: 'womens-shelter',
            targetGroupCodes: ['women'],
            needCodes: ['emergency-stay'],
            municipalityCode: '751',
            address: { street: `${SECRET_STREET} 7`, postalCode: '8000', city: 'Aarhus C' },
            addressConfidential: true,
            languages: ['da', 'ar'],
          }),
          service(id.house, org, {
            name: 'Børnehus Beta',
            description: `Undersøgelse ${M}`,
            typeCode: 'childrens-house',
            targetGroupCodes: ['children'],
            needCodes: ['child-investigation'],
            municipalityCode: '851',
            coverage: { national: false, regionCodes: ['1081'], municipalityCodes: [] },
            languages: ['da'],
          }),
          service(id.legal, org, {
            name: 'Gamma Retshjælp',
            description: `Hjælp om forældremyndighed og skilsmisse ${M}`,
            typeCode: 'legal-aid',
            targetGroupCodes: ['victims'],
            needCodes: ['custody-and-contact'],
            municipalityCode: '461',
            address: { street: 'Åbenvej 1', postalCode: '5000', city: 'Odense C' },
            languages: ['ar', 'da'],
          }),
          service(id.mens, org, {
            name: 'Delta Mændenes Hus',
            description: `Ophold ${M}`,
            typeCode: 'mens-shelter',
            targetGroupCodes: ['men'],
            needCodes: ['emergency-stay'],
            municipalityCode: '101',
            coverage: { national: true, regionCodes: [], municipalityCodes: [] },
            languages: ['da'],
          }),
          service(id.rape, org, {
            name: 'Epsilon Voldtægtscenter',
            description: `Modtagelse ${M}`,
            typeCode: 'rape-centre',
            targetGroupCodes: ['victims'],
            needCodes: ['acute-examination-after-rape'],
            municipalityCode: '101',
            coverage: { national: false, regionCodes: ['1084'], municipalityCodes: [] },
            languages: ['da'],
          }),
          ...pageIds.map((pid, i) =>
            service(pid, org, {
              name: `Zeta Samtaler ${String(i).padStart(2, '0')}`,
              description: `Samtaler ${M}`,
              typeCode: 'counselling',
              targetGroupCodes: ['victims'],
              needCodes: ['social-counselling'],
              municipalityCode: '101',
              languages: ['da'],
            }),
          ),
          service(changed.stale, `${P}-org2`, {
            name: 'Eta Rådgivning',
            description: `Før ${N}`,
            typeCode: 'counselling',
            municipalityCode: '101',
          }),
          service(changed.gone, `${P}-org2`, {
            name: 'Theta Rådgivning',
            description: `Før ${N}`,
            typeCode: 'counselling',
            municipalityCode: '101',
          }),
        ],
      );
      adapter = await makeAdapter({ api, neo: api.neo });
      await adapter.sync([...allIds, ...Object.values(changed)]);
      search = new SearchService(
        adapter.index,
        api.app.get(CatalogueService),
        api.app.get(CatalogueRepository),
        api.app.get(SearchSourceRepository),
        api.app.get(TaxonomyService),
        api.app.get(GeographyService),
      );
    });

    afterAll(async () => {
      await adapter?.close();
      await deleteByPrefix(api.neo, P);
      await api.close();
    });

    function run(
      query: string,
      filter?: ServiceFilterInput,
      first = 50,
      after?: string,
      serviceFields: ReadonlySet<string> | null = null,
    ): Promise<ServiceSearchResult> {
      return search.searchServices(
        Object.assign(new SearchServicesArgs(), { query, filter, first, after }),
        serviceFields,
      );
    }

    /** Every Service field a hit document can answer (as a query selecting all of them). */
    const documentFields = new Set(Object.keys(SERVICE_FIELDS_FROM_DOCUMENT));
    /** The part of a service that a hit served from a document carries. */
    const servable = (s: Service) => ({
      id: s.id,
      version: s.version,
      name: s.name,
      description: s.description,
      typeCode: s.typeCode,
      languages: s.languages,
      targetGroupCodes: s.targetGroupCodes,
      needCodes: s.needCodes,
      municipalityCode: s.municipalityCode,
      demo: s.demo,
      organisationId: s.organisationId,
    });

    async function ids(query: string, filter?: ServiceFilterInput): Promise<string[]> {
      const result = await run(query, filter);
      return result.hits.map((h) => h.service.id).sort();
    }

    it('forgives a typo', async () => {
      expect(await ids(`${M} krisecentr`)).toEqual([id.shelter, id.mens].sort());
    });

    it('matches a prefix', async () => {
      expect(await ids(`${M} voldt`)).toEqual([id.rape]);
      expect(await ids(`${M} retshj`)).toEqual([id.legal]);
    });

    it('treats Danish letters and their ASCII forms alike', async () => {
      expect(await ids(`${M} Århus`)).toEqual([id.shelter]);
      expect(await ids(`${M} Aarhus`)).toEqual([id.shelter]);
      expect(await ids(`${M} børnehus`)).toEqual([id.house]);
      expect(await ids(`${M} boernehus`)).toEqual([id.house]);
      expect(await ids(`${M} maendenes`)).toEqual([id.mens]);
    });

    it('finds synonyms (Danish and English)', async () => {
      expect(await ids(`${M} divorce`)).toEqual([id.legal]);
      expect(await ids(`${M} shelter`)).toEqual([id.shelter, id.mens].sort());
      expect(await ids(`${M} krisecenter`)).toEqual([id.shelter, id.mens].sort());
      expect(await ids(`${M} rape`)).toEqual([id.rape]);
    });

    it('filters along the hierarchies, like `services`', async () => {
      // women: services for women and for the broader victims, not for children or men.
      expect(await ids(M, { targetGroupCodes: ['women'] })).toEqual(
        [id.shelter, id.legal, id.rape, ...pageIds].sort(),
      );
      // safety: services meeting a narrower need (emergency-stay).
      expect(await ids(M, { needCodes: ['safety'] })).toEqual([id.shelter, id.mens].sort());
      expect(await ids(M, { regionCode: '1082' })).toEqual([id.shelter]);
      expect(await ids(M, { regionCode: '1082', includeNational: true })).toEqual(
        [id.shelter, id.mens].sort(),
      );
      expect(await ids(M, { municipalityCode: '849' })).toEqual([id.house]);
      expect(await ids(M, { languages: ['ar'] })).toEqual([id.shelter, id.legal].sort());
      expect(await ids(M, { typeCodes: ['legal-aid'], targetGroupCodes: ['men'] })).toEqual([
        id.legal,
      ]);
    });

    it('counts facets over the whole filtered result: each count is what its filter returns', async () => {
      const result = await run(M, undefined, 1);
      expect(result.totalHits).toBe(allIds.length);
      expect(result.hits).toHaveLength(1);
      const { facets } = result;
      expect(facets.types.find((f) => f.code === 'counselling')).toEqual({
        code: 'counselling',
        name: 'Ambulant rådgivning',
        count: 12,
      });
      expect(facets.targetGroups.find((f) => f.code === 'women')?.count).toBe(15);
      const checks: [string, ServiceFilterInput][] = [
        ...facets.types.map((f): [string, ServiceFilterInput] => [f.code, { typeCodes: [f.code] }]),
        ...facets.regions.map((f): [string, ServiceFilterInput] => [
          f.code,
          { regionCode: f.code },
        ]),
        ...facets.targetGroups.map((f): [string, ServiceFilterInput] => [
          f.code,
          { targetGroupCodes: [f.code] },
        ]),
        ...facets.needs.map((f): [string, ServiceFilterInput] => [f.code, { needCodes: [f.code] }]),
        ...facets.languages.map((f): [string, ServiceFilterInput] => [
          f.code,
          { languages: [f.code] },
        ]),
      ];
      const counts = [
        ...facets.types,
        ...facets.regions,
        ...facets.targetGroups,
        ...facets.needs,
        ...facets.languages,
      ].map((f) => f.count);
      const totals = await Promise.all(
        checks.map(async ([, filter]) => (await run(M, filter, 1)).totalHits),
      );
      expect(totals).toEqual(counts);
      // And facets of a filtered search count only the filtered hits.
      const filtered = await run(M, { regionCode: '1082' }, 1);
      expect(filtered.facets.types).toEqual([
        { code: 'womens-shelter', name: 'Kvindekrisecenter', count: 1 },
      ]);
      expect(filtered.facets.languages.map((l) => [l.code, l.count])).toEqual([
        ['ar', 1],
        ['da', 1],
      ]);
    });

    it('pages through equally relevant hits in a fixed order (name, then id)', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      const pages: boolean[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await run(`${M} zeta`, undefined, 5, after);
        expect(page.totalHits).toBe(12);
        seen.push(...page.hits.map((h) => h.service.name));
        pages.push(page.pageInfo.hasNextPage);
        after = page.pageInfo.endCursor ?? undefined;
      }
      expect(seen).toEqual(pageIds.map((_, i) => `Zeta Samtaler ${String(i).padStart(2, '0')}`));
      expect(pages).toEqual([true, true, false]);
      const again = await run(`${M} zeta`, undefined, 12);
      expect(again.hits.map((h) => h.service.name)).toEqual(seen);
    });

    it('returns the public Service model (address rule included) with a score', async () => {
      const result = await run(`${M} Gamma`);
      expect(result.hits).toHaveLength(1);
      expect(result.hits[0].score).toBeGreaterThan(0);
      expect(result.hits[0].service).toMatchObject({
        id: id.legal,
        name: 'Gamma Retshjælp',
        publicAddress: { street: 'Åbenvej 1', postalCode: '5000', city: 'Odense C' },
        addressConfidential: false,
      });
    });

    it('never indexes or returns a confidential address', async () => {
      const shelter = await run(`${M} Alfa`);
      expect(shelter.hits.map((h) => h.service.id)).toEqual([id.shelter]);
      expect(shelter.hits[0].service.publicAddress).toBeNull();
      const everything = await run(M, undefined, 50);
      expect(JSON.stringify(everything)).not.toContain(SECRET_STREET);
      expect((await run(SECRET_STREET)).totalHits).toBe(0);
      const indexed = await adapter.indexedText(allIds);
      expect(indexed).toContain('Alfa Kvindekrisecenter');
      expect(indexed.toLowerCase()).not.toContain(SECRET_STREET.toLowerCase());
    });

    it('serves the fields a hit document holds exactly as the graph has them', async () => {
      const served = await run(M, undefined, 50, undefined, documentFields);
      expect(served.hits).toHaveLength(allIds.length);
      const graph = new Map(
        (await api.app.get(CatalogueRepository).findByIds(allIds)).map((s) => [s.id, s]),
      );
      expect(served.hits.map((h) => servable(h.service))).toEqual(
        served.hits.map((h) => servable(graph.get(h.service.id) as Service)),
      );
      expect(JSON.stringify(served)).not.toContain(SECRET_STREET);
    });

    it('reads a hit from the graph when the query asks for a field no document holds (the address)', async () => {
      const open = await run(`${M} Gamma`, undefined, 50, undefined, new Set(['id', 'address']));
      expect(open.hits[0].service).toMatchObject({
        id: id.legal,
        publicAddress: { street: 'Åbenvej 1', postalCode: '5000', city: 'Odense C' },
        addressConfidential: false,
      });
      // The confidential one comes from the graph too, where the address rule applies.
      const secret = await run(`${M} Alfa`, undefined, 50, undefined, new Set(['address']));
      expect(secret.hits[0].service).toMatchObject({
        id: id.shelter,
        publicAddress: null,
        addressConfidential: true,
      });
      expect(JSON.stringify(secret)).not.toContain(SECRET_STREET);
    });

    it('never serves a stale document: a changed hit comes from the graph, an archived one not at all', async () => {
      expect((await run(N, undefined, 50, undefined, documentFields)).hits).toHaveLength(2);
      // Changed in the graph only: the index (where the app does not update it) still holds the
      // old documents.
      await api.neo.write(
        cypher`MATCH (s:Service {id: $id}) SET s.description = $d, s.version = s.version + 1`,
        { id: changed.stale, d: `Efter ${N}` },
      );
      await api.neo.write(cypher`MATCH (s:Service {id: $id}) SET s.archived = true`, {
        id: changed.gone,
      });
      const result = await run(N, undefined, 50, undefined, documentFields);
      expect(result.hits.map((h) => h.service.id)).toEqual([changed.stale]);
      expect(servable(result.hits[0].service)).toEqual(
        servable((await api.app.get(CatalogueRepository).findByIds([changed.stale]))[0]),
      );
      expect(result.hits[0].service).toMatchObject({ description: `Efter ${N}`, version: 2 });
    });
  });
}
