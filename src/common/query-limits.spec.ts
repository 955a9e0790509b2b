import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERRAL_PLAN } from '../../web/src/operations';
import { projectRoot } from './project-root';
import { checkQueryLimits, createFieldCost, MAX_ALIASES, MAX_QUERY_COST } from './query-limits';

const schema = buildSchema(readFileSync(join(projectRoot(), 'schema.gql'), 'utf8'));

const costOf = (query: string, variables: Record<string, unknown> = {}): number =>
  getComplexity({ schema, query: parse(query), variables, estimators: [createFieldCost()] });

const refusal = (query: string, variables: Record<string, unknown> = {}): string | null => {
  const error = checkQueryLimits(schema, parse(query), variables);
  if (error) {
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  }
  return error?.message ?? null;
};

const REPEATED =
  'The query repeats fields: more than 200 pairs of selections answer under one name at one place; at most 200 are allowed.';
const CYCLE =
  '{ regions { municipalities { region { municipalities { region { municipalities { region { name } } } } } } } }';
const ALIASES = `{ regions { ${Array.from({ length: 3500 }, (_, i) => `m${i}: municipalities { code }`).join(' ')} } }`;
const SCHEMAS = `{ ${Array.from({ length: 1600 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ')} }`;

describe('query cost', () => {
  it('prices lists by their known length and by first', () => {
    expect(costOf('{ regions { code } }')).toBe(5 * 2);
    expect(costOf('{ regions { municipalities { code } } }')).toBe(5 * (1 + 30 * 2));
    expect(costOf('{ municipalities { code } }')).toBe(98 * 2);
    expect(costOf('{ municipalities(regionCode: "1084") { code } }')).toBe(30 * 2);
    // A page: `first` items of what is asked of each, whether literal, variable or default.
    const page = '{ totalCount edges { node { id name } } }';
    expect(costOf(`{ services(first: 5) ${page} }`)).toBe(1 + 1 + 5 * (1 + 1 + 2));
    expect(costOf(`query($n: Int!) { services(first: $n) ${page} }`, { n: 7 })).toBe(1 + 1 + 7 * 4);
    expect(costOf(`{ services ${page} }`)).toBe(1 + 1 + 20 * 4);
    // Behind a fragment spread, a page list counts as the largest page.
    expect(
      costOf(
        `{ services(first: 5) { ...P } } fragment P on ServiceConnection { edges { node { id } } }`,
      ),
    ).toBe(1 + 100 * 3);
  });

  it('scales only the referral part of a plan with its limit', () => {
    const plan = (limit: number) =>
      costOf(`{ referralPlan(input: { targetGroupCodes: ["women"], needCodes: ["shelter"], limit: ${limit} }) {
        referral { options { rank } }
        phases { steps { options { rank } } } } }`);
    // referral: 1 + options (10 × 2); phases: 3 × (1 + steps 5 × (1 + options 3 × 2)).
    const referral = 1 + 10 * 2;
    const phases = 3 * (1 + 5 * (1 + 3 * 2));
    expect(plan(10)).toBe(1 + referral + phases);
    expect(plan(50)).toBe(1 + 5 * referral + phases);
    // out of its range, a limit is priced as the default: validation refuses it in its own words
    expect(plan(51)).toBe(plan(10));
    expect(plan(10_000)).toBe(plan(10));
  });

  it("prices a referral plan's lists by the engine's bounds", () => {
    const input = '(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"] })';
    // 3 phases × (1 + 5 steps × (1 + 3 options × (1 + 1 + 3 alternatives × 2)))
    expect(
      costOf(`{ referralPlan${input} { phases { steps { options { rank ifFull { rank } } } } } }`),
    ).toBe(1 + 3 * (1 + 5 * (1 + 3 * (1 + 1 + 3 * (1 + 1)))));
  });

  it('prices every alias and every introspection at a flat rate', () => {
    expect(costOf('{ a: regions { code } b: regions { code } }')).toBe(2 * 10);
    expect(costOf('{ __schema { types { name fields { name } } } }')).toBe(1000);
    expect(costOf('{ __type(name: "Service") { name } __typename }')).toBe(50);
  });
});

describe('checkQueryLimits', () => {
  it('refuses small queries that would cost seconds, before validation', () => {
    expect(refusal(CYCLE)).toMatch(/^The query costs \d+; at most 10000 is allowed\./);
    expect(refusal(ALIASES)).toBe(
      `The query uses 3500 aliases; at most ${MAX_ALIASES} are allowed.`,
    );
    expect(refusal(SCHEMAS)).toBe(
      `The query uses 1600 aliases; at most ${MAX_ALIASES} are allowed.`,
    );
    // Without aliases, repeating a list is refused before graphql compares the copies.
    const repeated = `{ regions { ${'municipalities { code } '.repeat(200)} } }`;
    expect(refusal(repeated)).toBe(REPEATED);
    expect(refusal(`{ ${'regions { code } '.repeat(990)}}`)).toBe(REPEATED);
    const schemas = (n: number): string =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`;
    expect(refusal(schemas(10))).toBeNull();
    expect(refusal(schemas(11))).toBe(
      `The query costs 11000; at most ${MAX_QUERY_COST} is allowed.`,
    );
  });

  it('keeps the depth and root-field limits', () => {
    const deep = `{ organisations(first: 1) { edges { node { services { organisation { services { organisation {
      services { organisation { services { organisation { services { name } } } } } } } } } } } } }`;
    expect(refusal(deep)).toBe('The query is nested 13 levels deep; at most 12 are allowed.');
    const roots = Array.from({ length: 21 }, (_, i) => `r${i}: regions { code }`).join(' ');
    expect(refusal(`{ ${roots} }`)).toBe(
      'The operation asks for 21 top-level fields; at most 20 are allowed.',
    );
  });

  it('bounds its own work on fragments spread twice at every level', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    expect(refusal(`query { ...F0 }\n${fragments}\nfragment F40 on Query { __typename }`)).toBe(
      REPEATED,
    );
  });

  it('lets ordinary queries and the standard introspection through', () => {
    expect(refusal(getIntrospectionQuery())).toBeNull();
    expect(
      refusal(
        `query($first: Int!) { services(first: $first) { totalCount edges { node {
        id name type { code name } targetGroups { code name } needs { code name }
        organisation { id name } contact { phone email website } address { street city }
        languages capacity { freePlaces totalPlaces } } } } }`,
        { first: 100 },
      ),
    ).toBeNull();
    expect(
      refusal(`{ searchServices(query: "krisecenter", first: 100) { totalHits
        hits { score service { id name type { name } } }
        facets { types { code name count } regions { code name count } targetGroups { code name count }
                 needs { code name count } languages { code name count } } } }`),
    ).toBeNull();
    expect(
      refusal(`{ referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay", "legal-advice"], limit: 50 }) {
        options { rank score availability coverage distanceKm reasons nextSteps
          service { id name contact { phone } organisation { name } } }
        byNeed { need { code } options { rank service { name } } }
        unmetNeeds { need { code } nearest { service { name } distanceKm } }
        guidance { code text } followUps { need { code } options { service { name } reasons } } } }`),
    ).toBeNull();
    // The web page's referral: the answer and the plan in one request.
    expect(
      refusal(REFERRAL_PLAN, {
        input: { targetGroupCodes: ['women'], needCodes: ['emergency-stay'], limit: 10 },
        language: 'DA',
      }),
    ).toBeNull();
  });
});
