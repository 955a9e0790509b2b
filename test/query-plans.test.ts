import {
  COUNT_ALL,
  FIND_BY_IDS,
  FIND_BY_ORGANISATIONS,
  FIND_PAGE,
  READ_STAMP,
  FIND_PAGE_FROM_GROUPS,
  FIND_PAGE_FROM_NEEDS,
  FIND_PAGE_FROM_PLACES,
  FIND_PAGE_FROM_TYPES,
} from '../src/catalogue/catalogue.repository';
import { loadConfig } from '../src/config/app-config';
import { Cypher } from '../src/neo4j/cypher';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import {
  FIND_BEYOND_AREA,
  FIND_BEYOND_AREA_AND_DECLARED,
  FIND_IN_AREA,
} from './support/referral-repository';
import { SEARCH } from '../src/search/neo4j/neo-fulltext-search-index';
import {
  BACKLOG_DUE_SERVICES,
  FRESH_DUE_SERVICES,
} from '../src/search/sync/search-sync.repository';

/*
 * Query plans as tests: each hot query starts from an index (a seek on a code or id, the name
 * order, the national flag, or the full-text index), never from a scan over every service.
 * Plans, not timings: the planner's choice is asserted with EXPLAIN.
 */
let neo: Neo4jService;

beforeAll(async () => {
  neo = new Neo4jService(loadConfig());
  await neo.verify();
});

afterAll(async () => {
  await neo.onApplicationShutdown();
});

interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

async function operators(query: Cypher, params: Record<string, unknown>): Promise<string[]> {
  const { summary } = await neo.driver.executeQuery(`EXPLAIN ${query.text}`, params, {
    database: loadConfig().neo4j.database,
  });
  const out: string[] = [];
  const walk = (plan: PlanNode): void => {
    const details = typeof plan.arguments.Details === 'string' ? plan.arguments.Details : '';
    out.push(`${plan.operatorType.split('@')[0]} ${details}`);
    plan.children.forEach(walk);
  };
  walk(summary.plan as unknown as PlanNode);
  return out;
}

const scansEveryService = (ops: string[]): string[] =>
  ops.filter((o) => /^(AllNodesScan|NodeByLabelScan)/.test(o));

const filter = {
  typeCodes: null,
  targetGroupCodes: ['women', 'victims'],
  needCodes: ['safety', 'emergency-stay'],
  regionCode: '1083',
  municipalityCode: null,
  includeNational: true,
  languages: null,
  regionMunicipalityCodes: ['461', '479'],
  municipalityRegionCode: null,
};

const page = { ...filter, afterName: '', afterId: '', limit: 21, placeCodes: null };

const cases: [string, Cypher, Record<string, unknown>, RegExp[]][] = [
  [
    'the catalogue stamp, the number of services and the services changed since the cached stamp (every referral, listing and search)',
    READ_STAMP,
    { since: 41 },
    [
      /^NodeUniqueIndexSeek.*:CatalogueStamp\(id\)/,
      /^NodeCountFromCountStore/,
      /^NodeIndexSeek.*:Service\(stamp\) WHERE stamp > \$since/,
    ],
  ],
  [
    'referral: the area',
    FIND_IN_AREA,
    {
      regionCode: '1083',
      municipalityCodes: ['461', '479'],
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
    },
    [
      /^NodeUniqueIndexSeek.*:Municipality\(code\)/,
      /^NodeUniqueIndexSeek.*:Region\(code\)/,
      /^NodeIndexSeek.*:Service\(national\)/,
    ],
  ],
  [
    'referral: beyond the area',
    FIND_BEYOND_AREA,
    { areaCodes: ['1083', '461'], targetGroupCodes: ['women'], needCodes: ['pregnancy-care'] },
    [/^NodeUniqueIndexSeek.*:Need\(code\)/],
  ],
  [
    'referral and plan: beyond the area, with declared onward referrals',
    FIND_BEYOND_AREA_AND_DECLARED,
    {
      areaCodes: ['1083', '461'],
      targetGroupCodes: ['women'],
      needCodes: ['pregnancy-care'],
      declaredIds: ['a'],
      followFromIds: ['a'],
    },
    [/^NodeUniqueIndexSeek.*:Need\(code\)/, /^NodeUniqueIndexSeek.*:Service\(id\)/],
  ],
  [
    'services: a page in name order',
    FIND_PAGE,
    { ...filter, afterName: '', afterId: '', limit: 21 },
    [/^NodeIndexSeek.*:Service\(name, id\) WHERE name >= \$afterName/],
  ],
  [
    'services: a page and its total from the place',
    FIND_PAGE_FROM_PLACES,
    { ...page, placeCodes: ['1083', '461', '479'] },
    [
      /^NodeUniqueIndexSeek.*:Municipality\(code\)/,
      /^NodeUniqueIndexSeek.*:Region\(code\)/,
      /^NodeIndexSeek.*:Service\(national\)/,
    ],
  ],
  [
    'services: a page and its total from the types',
    FIND_PAGE_FROM_TYPES,
    { ...page, typeCodes: ['womens-shelter'] },
    [/^NodeUniqueIndexSeek.*:ServiceType\(code\)/],
  ],
  [
    'services: a page and its total from the needs',
    FIND_PAGE_FROM_NEEDS,
    { ...page, regionCode: null, regionMunicipalityCodes: [] },
    [/^NodeUniqueIndexSeek.*:Need\(code\)/],
  ],
  [
    'services: a page and its total from the groups',
    FIND_PAGE_FROM_GROUPS,
    { ...page, regionCode: null, regionMunicipalityCodes: [], needCodes: null },
    [/^NodeUniqueIndexSeek.*:TargetGroup\(code\)/],
  ],
  ['service(id)', FIND_BY_IDS, { ids: ['a', 'b'] }, [/^NodeUniqueIndexSeek.*:Service\(id\)/]],
  [
    'an organisation’s services',
    FIND_BY_ORGANISATIONS,
    { ids: ['a'] },
    [/^NodeUniqueIndexSeek.*:Organisation\(id\)/],
  ],
  [
    'searchServices',
    SEARCH,
    { lucene: 'krisecenter' },
    [/^ProcedureCall.*db\.index\.fulltext\.queryNodes/],
  ],
];

describe.each(cases)('%s', (_name, cypher, params, starts) => {
  it('starts from an index and never scans every service', async () => {
    const ops = await operators(cypher, params);
    const missing = starts.filter((start) => !ops.some((o) => start.test(o)));
    expect({ missing: missing.map(String), plan: missing.length > 0 ? ops : [] }).toEqual({
      missing: [],
      plan: [],
    });
    expect(scansEveryService(ops)).toEqual([]);
  });
});

it.each([
  ['place', FIND_PAGE_FROM_PLACES, { placeCodes: ['1083', '461', '479'] }],
  ['types', FIND_PAGE_FROM_TYPES, { typeCodes: ['womens-shelter'] }],
  ['needs', FIND_PAGE_FROM_NEEDS, {}],
  ['groups', FIND_PAGE_FROM_GROUPS, {}],
])(
  'from the %s: walks no relationship per row, sorts only a top-k of the matches, projects only the page',
  async (_start, cypher, extra) => {
    const ops = await operators(cypher, { ...page, ...extra });
    // the start's own expansion is the only one: the filter reads codes on the node
    expect(ops.filter((o) => /^(Expand|OptionalExpand|VarLengthExpand)/.test(o))).toHaveLength(
      cypher === FIND_PAGE_FROM_PLACES ? 2 : 1,
    );
    expect(ops.filter((o) => /^Sort/.test(o))).toEqual([]);
    expect(ops.filter((o) => /^Top /.test(o))).toHaveLength(1);
    // the whole service is projected once, after the page is chosen
    const top = ops.findIndex((o) => /^Top /.test(o));
    const projection = ops.findIndex((o) => /organisationId/.test(o));
    expect(projection).toBeGreaterThanOrEqual(0);
    expect(projection).toBeLessThan(top);
  },
);

it('counts a filter naming nothing to start from without a sort', async () => {
  const ops = await operators(COUNT_ALL, { ...filter, regionCode: null, needCodes: null });
  expect(ops.filter((o) => /^(Sort|Top)/.test(o))).toEqual([]);
});

it('searches the index and reads nothing else: ids, scores and versions, no sort, no projection, no read by id', async () => {
  const ops = await operators(SEARCH, { lucene: 'krisecenter' });
  expect(ops.filter((o) => /^(NodeUniqueIndexSeek|NodeIndexSeek|Expand)/.test(o))).toEqual([]);
  // filter, ranking, page and facets are done on the cached rows; the page's services too. The
  // graph checks only that a match is not archived.
  expect(ops.filter((o) => /^(Sort|Top)/.test(o))).toEqual([]);
  expect(ops.filter((o) => /^Filter/.test(o))).toEqual([
    expect.stringMatching(/^Filter NOT coalesce\(node\.archived, false\)/),
  ]);
  // one aggregation: the matches' ids, scores and versions collected into one record
  expect(ops.filter((o) => /^EagerAggregation/.test(o))).toHaveLength(1);
  expect(ops.filter((o) => /organisationId|publicAddress/.test(o))).toEqual([]);
});

it('pages services in the index order: no sort, the walk stops at the page size', async () => {
  const ops = await operators(FIND_PAGE, { ...filter, afterName: 'M', afterId: 'x', limit: 21 });
  expect(ops.filter((o) => /^(Sort|Top|PartialSort|PartialTop|Union|Distinct)/.test(o))).toEqual(
    [],
  );
  expect(ops.some((o) => /^Limit/.test(o))).toBe(true);
});

it.each([
  ['fresh', FRESH_DUE_SERVICES, /^NodeIndexSeek.*SearchOutbox\(done, lane, createdAt\)/],
  ['backlog', BACKLOG_DUE_SERVICES, /^NodeIndexSeek.*SearchOutbox\(done, createdAt\)/],
])(
  'finds the search outbox lane %s through its index (pending entries only)',
  async (_lane, cypher, seek) => {
    const ops = await operators(cypher, { nowMs: 0, limit: 20, taken: [] });
    expect({ seek: ops.some((o) => seek.test(o)), plan: ops }).toMatchObject({ seek: true });
    expect(ops.filter((o) => /^(AllNodesScan|NodeByLabelScan|NodeIndexScan)/.test(o))).toEqual([]);
  },
);
