import {
  checkTaxonomy,
  readDemo,
  readMunicipalities,
  readReference,
  writeListings,
  checkListings,
} from '../seed/loader';
import { ok, startApi, TestApi } from './support/api';
import { cypher } from '../src/neo4j/cypher';

const demo = readDemo();
let api: TestApi;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.neo.write(
    cypher`UNWIND $ids AS id MATCH (n) WHERE (n:Service OR n:Organisation) AND n.id = id DETACH DELETE n`,
    { ids: [...demo.services.map((s) => s.id), ...demo.organisations.map((o) => o.id)] },
  );
  await api.close();
});

describe('demonstration seed', () => {
  it('has consistent references and follows the demonstration-data rules', () => {
    expect(checkListings(demo, readReference())).toEqual([]);
    expect(demo.services.length).toBeGreaterThanOrEqual(60);
    expect(demo.services.every((s) => s.demo)).toBe(true);
    for (const s of demo.services) {
      const fictional = s.name.startsWith('Demo ');
      if (!fictional) {
        // real organisations: no invented contact details or addresses
        expect({
          id: s.id,
          address: s.address,
          email: s.email,
          website: s.website,
          hours: s.openingHours,
        }).toEqual({
          id: s.id,
          address: null,
          email: null,
          website: null,
          hours: null,
        });
        expect([null, '1888', '112', '114']).toContain(s.phone);
      }
      if (s.addressConfidential) {
        expect(fictional).toBe(true);
        expect(['womens-shelter', 'mens-shelter']).toContain(s.typeCode);
      }
    }
  });

  it('gives every need and service type a phase, and every next step a known need', () => {
    const { taxonomy } = readReference();
    expect(checkTaxonomy(taxonomy)).toEqual([]);
    expect(
      checkTaxonomy({
        ...taxonomy,
        needs: [
          ...taxonomy.needs,
          { ...taxonomy.needs[0], code: 'x', phase: 'LATER', followUps: ['nowhere', 'x'] },
        ],
      }),
    ).toEqual([
      'unknown phase "LATER" of x',
      'unknown follow-up need x → nowhere',
      'follow-up x → x repeated or to itself',
    ]);
  });

  it('covers every service type and every region', () => {
    const ref = readReference();
    const regionOf = new Map(readMunicipalities().map((m) => [m.code, m.regionCode]));
    expect(new Set(demo.services.map((s) => s.typeCode))).toEqual(
      new Set(ref.taxonomy.serviceTypes.map((t) => t.code)),
    );
    expect(new Set(demo.services.map((s) => regionOf.get(s.municipalityCode)))).toEqual(
      new Set(ref.regions.map((r) => r.code)),
    );
  });

  it('loads idempotently and serves the expected count for Syddanmark', async () => {
    const lines: string[] = [];
    const created = await writeListings(api.neo, demo, (l) => lines.push(l));
    expect(created).toBe(demo.services.length);
    expect(lines[lines.length - 1]).toBe(
      `seed: services ${demo.services.length}/${demo.services.length} (${demo.services.length} new)`,
    );
    expect(await writeListings(api.neo, demo)).toBe(0);

    const regionOf = new Map(readMunicipalities().map((m) => [m.code, m.regionCode]));
    const inSyd = demo.services.filter(
      (s) =>
        regionOf.get(s.municipalityCode) === '1083' ||
        s.coverage.regionCodes.includes('1083') ||
        s.coverage.municipalityCodes.some((m) => regionOf.get(m) === '1083'),
    ).length;
    const data = ok(
      await api.gql<{ services: { totalCount: number } }>(
        '{ services(filter: { regionCode: "1083" }) { totalCount } }',
      ),
    );
    expect(data.services.totalCount).toBe(inSyd);
    expect(inSyd).toBeGreaterThan(5);
  });
});
