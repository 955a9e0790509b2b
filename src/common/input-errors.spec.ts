import { buildSchema, parse, OperationDefinitionNode } from 'graphql';
import { variableErrors, withoutValues } from './input-errors';

const schema = buildSchema(`
  enum Lang { DA EN }
  input Point { latitude: Float! longitude: Float! }
  input In { name: String! age: Int tags: [String!] near: Point lang: Lang }
  type Query { f(i: In!, n: Int): Int }
`);
const op = parse('query($i: In!, $n: Int) { f(i: $i, n: $n) }')
  .definitions[0] as OperationDefinitionNode;
const SECRET = 'Secret street 7';

describe('variableErrors', () => {
  it('names the variable, the path and the problem, never the value', () => {
    const problems = variableErrors(schema, op, {
      i: { age: SECRET, tags: [SECRET, { x: SECRET }], near: SECRET, lang: SECRET, [SECRET]: 1 },
      n: SECRET,
    });
    expect(problems).toEqual([
      'Variable "$i" got an invalid value: Field "name" of required type "String!" was not provided.',
      'Variable "$i" got an invalid value at "i.age": Expected type "Int".',
      'Variable "$i" got an invalid value at "i.tags[1]": Expected type "String".',
      'Variable "$i" got an invalid value at "i.near": Expected type "Point" to be an object.',
      'Variable "$i" got an invalid value at "i.lang": Expected a value of enum "Lang".',
      'Variable "$i" got an invalid value: A field is given that input type "In" does not define.',
      'Variable "$n" got an invalid value: Expected type "Int".',
    ]);
    expect(variableErrors(schema, op, {})).toEqual([
      'Variable "$i" of required type "In!" was not provided.',
    ]);
    expect(variableErrors(schema, op, { i: null })).toEqual([
      'Variable "$i" of non-null type "In!" must not be null.',
    ]);
    expect(variableErrors(schema, op, { i: { name: SECRET } })).toEqual([]);
  });
});

describe('withoutValues', () => {
  it.each([
    [
      `Variable "$i" got invalid value { street: "${SECRET}" }; Field "x" …`,
      'Variable "$i" got an invalid value.',
    ],
    [
      `Expected value of type "Int", found "${SECRET}".`,
      'Expected value of type "Int"; the value given is not one.',
    ],
    [
      `Field "${SECRET}" is not defined by type "In".`,
      'A field is given that input type "In" does not define.',
    ],
    [
      `Syntax Error: Expected Name, found String "${SECRET}".`,
      'Syntax Error: Expected Name, found String.',
    ],
    [`Syntax Error: Expected ":", found Name "secret".`, 'Syntax Error: Expected ":", found Name.'],
    [`Syntax Error: Unterminated string.`, 'Syntax Error: Unterminated string.'],
    [
      `Syntax Error: Invalid character within String: "\\u0007".`,
      'Syntax Error: Invalid character within String.',
    ],
    [
      `Int cannot represent non-integer value: "${SECRET}"`,
      'Expected value of type "Int"; the value given is not one.',
    ],
    [
      `Enum "Lang" cannot represent non-enum value: "${SECRET}".`,
      'Expected a value of enum "Lang".',
    ],
    [`Value "${SECRET}" does not exist in "Lang" enum.`, 'Expected a value of enum "Lang".'],
    [`Custom scalar cannot represent "${SECRET}"`, 'A value given is not valid for its type.'],
    ['Cannot query field "nope" on type "Query".', 'Cannot query field "nope" on type "Query".'],
  ])('%s', (message, safe) => {
    expect(withoutValues(message)).toBe(safe);
  });
});
