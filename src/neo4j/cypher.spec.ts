import { Cypher, cypher, taggedQueries } from './cypher';

const PROJECTION = cypher`s {.id, .name}`;
const FIND = cypher`MATCH (s:Service {id: $id}) RETURN ${PROJECTION} AS service`;

describe('cypher tag', () => {
  it('embeds fragments whole and keeps $parameters as they are', () => {
    expect(FIND).toBeInstanceOf(Cypher);
    expect(FIND.text).toBe('MATCH (s:Service {id: $id}) RETURN s {.id, .name} AS service');
    expect(String(FIND)).toBe(FIND.text);
  });

  it('writes down every tagged query in the order they were made', () => {
    expect(taggedQueries()).toEqual([PROJECTION, FIND]);
  });

  it('lets no value into the text: only Cypher fragments compile, anything else throws', () => {
    const id = 'x';
    // @ts-expect-error a string is not a fragment
    expect(() => cypher`MATCH (s {id: '${id}'}) RETURN s`).toThrow(TypeError);
    // @ts-expect-error nor is a number
    expect(() => cypher`RETURN s LIMIT ${10}`).toThrow(TypeError);
    // @ts-expect-error a look-alike object is not a Cypher
    expect(() => cypher`RETURN ${{ text: '1' }}`).toThrow(TypeError);
  });

  it('takes only a template literal, not a hand-made array of strings', () => {
    const strings = Object.assign(['MATCH (n) RETURN n'], { raw: ['MATCH (n) RETURN n'] });
    expect(() => cypher(strings)).toThrow(TypeError);
  });

  it('a plain string is not Cypher to the type system', () => {
    // @ts-expect-error Neo4jService and run take Cypher, not string
    const query: Cypher = 'MATCH (n) RETURN n';
    expect(query).not.toBeInstanceOf(Cypher);
  });

  it('marks text from a migration file as unchecked, not as a tagged query', () => {
    const before = taggedQueries().length;
    expect(cypher.unchecked('CREATE INDEX x IF NOT EXISTS FOR (n:N) ON (n.p)').text).toBe(
      'CREATE INDEX x IF NOT EXISTS FOR (n:N) ON (n.p)',
    );
    expect(taggedQueries()).toHaveLength(before);
  });
});
