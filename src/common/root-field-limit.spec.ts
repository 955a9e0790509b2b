import { buildSchema, parse, validate } from 'graphql';
import { rootFieldLimit } from './root-field-limit';

const schema = buildSchema(`
  type Svc { name: String }
  type Query { service(id: ID): Svc services: [Svc] }
`);

const errorsOf = (query: string, max: number): string[] =>
  validate(schema, parse(query), [rootFieldLimit(max)]).map((e) => e.message);

const aliases = (n: number): string =>
  Array.from({ length: n }, (_, i) => `s${i}: service(id: "${i}") { name }`).join(' ');

describe('rootFieldLimit', () => {
  it('accepts an operation at the limit', () => {
    expect(errorsOf(`{ ${aliases(3)} }`, 3)).toEqual([]);
  });

  it('rejects more top-level fields, counting aliases and fragments', () => {
    expect(errorsOf(`{ ${aliases(4)} }`, 3)).toEqual([
      'The operation asks for 4 top-level fields; at most 3 are allowed.',
    ]);
    expect(
      errorsOf(
        `query { services { name } ...F ... on Query { c: services { name } } }
         fragment F on Query { a: services { name } b: services { name } }`,
        3,
      ),
    ).toEqual(['The operation asks for 4 top-level fields; at most 3 are allowed.']);
  });

  it('counts a response key once (fields with the same key run once) and not introspection', () => {
    expect(
      errorsOf(
        `query { services { name } services { name } ...F ...F __typename __schema { types { name } } }
         fragment F on Query { services { name } service(id: "1") { name } }`,
        2,
      ),
    ).toEqual([]);
  });

  it('survives a fragment cycle (graphql reports the cycle itself)', () => {
    expect(() =>
      errorsOf(
        '{ ...A } fragment A on Query { services { name } ...B } fragment B on Query { ...A }',
        5,
      ),
    ).not.toThrow();
  });
});
