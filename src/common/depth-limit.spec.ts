import { buildSchema, parse, validate } from 'graphql';
import { depthLimit } from './depth-limit';

const schema = buildSchema(`
  type Org { name: String services: [Svc] }
  type Svc { name: String organisation: Org }
  type Query { organisation: Org }
`);

const errorsOf = (query: string, max: number): string[] =>
  validate(schema, parse(query), [depthLimit(max)]).map((e) => e.message);

describe('depthLimit', () => {
  it('accepts a query at the limit', () => {
    expect(errorsOf('{ organisation { services { name } } }', 3)).toEqual([]);
  });

  it('rejects a deeper query, also through fragments', () => {
    expect(errorsOf('{ organisation { services { organisation { name } } } }', 3)).toEqual([
      'The query is nested 4 levels deep; at most 3 are allowed.',
    ]);
    expect(
      errorsOf(
        'query { organisation { ...F } } fragment F on Org { services { organisation { name } } }',
        3,
      ),
    ).toEqual(['The query is nested 4 levels deep; at most 3 are allowed.']);
  });

  it('does not count introspection', () => {
    expect(
      errorsOf('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', 2),
    ).toEqual([]);
  });

  it('survives a fragment cycle (graphql reports the cycle itself)', () => {
    expect(() =>
      errorsOf(
        '{ organisation { ...A } } fragment A on Org { services { organisation { ...A } } }',
        50,
      ),
    ).not.toThrow();
  });
  it('measures each fragment once, so fragments spread twice at every level cost no more', () => {
    const levels = 40;
    const chain = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Org { ...F${i + 1} ...F${i + 1} }`,
    ).join(' ');
    const query = (last: string) =>
      `query { organisation { ...F0 } } ${chain} fragment F${levels} on Org { ${last} }`;
    const started = Date.now();
    expect(errorsOf(query('name'), 3)).toEqual([]);
    expect(errorsOf(query('services { organisation { name } }'), 3)).toEqual([
      'The query is nested 4 levels deep; at most 3 are allowed.',
    ]);
    // Path by path this would visit 2^40 spreads; measured once each it takes milliseconds.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
