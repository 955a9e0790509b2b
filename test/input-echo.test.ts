import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { randomBytes } from 'node:crypto';
import { GqlResponse, startApi, TestApi } from './support/api';
import { LogCapture } from './support/log-capture';

/**
 * No error carries a value from the request (it may describe a person). For every input type of the
 * schema (reached from a root field's argument), a value of the wrong kind carrying a unique
 * marker is sent as a variable and as a literal; the marker must appear neither in the response
 * nor in the log.
 */
const MARKER = `zmark${randomBytes(6).toString('hex')}`;
const logs = new LogCapture();
let api: TestApi;
let schema: GraphQLSchema;

beforeAll(async () => {
  logs.start();
  api = await startApi();
  schema = api.app.get(GraphQLSchemaHost).schema;
});

afterAll(async () => {
  await api.close();
  logs.stop();
});

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A value of the wrong kind for `type`, carrying the marker (tagged so failures say which). */
function wrongValue(type: GraphQLInputType, tag: string): Json {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return [wrongValue(nullable.ofType, tag)];
  }
  const marker = `${MARKER}-${tag}`;
  if (isInputObjectType(nullable) || isEnumType(nullable)) {
    return marker; // not an object, not a value of the enum
  }
  if (isScalarType(nullable) && ['Int', 'Float', 'Boolean'].includes(nullable.name)) {
    return marker;
  }
  return { [MARKER]: marker }; // String, ID, DateTime: an object is none of them
}

/** The GraphQL literal of a JSON value. */
function literal(value: Json): string {
  if (Array.isArray(value)) {
    return `[${value.map(literal).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

interface Case {
  name: string;
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  arg: GraphQLArgument;
  value: Json;
}

/** Puts `value` at `path` inside a value of `type` (lists along the way get one item). */
function nest(type: GraphQLInputType, path: string[], value: Json): Json {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return [nest(nullable.ofType, path, value)];
  }
  if (path.length === 0) {
    return value;
  }
  const [key, ...rest] = path;
  const object = nullable as GraphQLInputObjectType;
  return { [key]: nest(object.getFields()[key].type, rest, value) };
}

/** Every input type reachable from a root argument, with the first way to reach it. */
function cases(): { all: Case[]; reached: Set<string> } {
  const found: Case[] = [];
  const seen = new Set<string>();
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  for (const [operation, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      for (const arg of field.args) {
        const at = (path: string[], type: GraphQLInputType, tag: string): void => {
          const named = getNamedType(type);
          const add = (suffix: string, value: Json): void => {
            found.push({
              name: `${tag}${suffix}`,
              operation,
              field,
              arg,
              value: nest(arg.type, path, value),
            });
          };
          add('', wrongValue(type, tag));
          if (!isInputObjectType(named) || seen.has(named.name)) {
            return;
          }
          seen.add(named.name);
          add(' (unknown field)', { [MARKER]: `${MARKER}-${tag}-unknown` });
          for (const inner of Object.values(named.getFields())) {
            at([...path, inner.name], inner.type, `${tag}.${inner.name}`);
          }
        };
        at([], arg.type, `${field.name}(${arg.name})`);
      }
    }
  }
  return { all: found, reached: seen };
}

function operationFor(c: Case, asLiteral: boolean): string {
  const others = c.field.args.filter((a) => a.name !== c.arg.name && isNonNullType(a.type));
  const variables = [
    ...(asLiteral ? [] : [`$v: ${String(c.arg.type)}`]),
    ...others.map((a) => `$${a.name}: ${String(a.type)}`),
  ];
  const args = [
    `${c.arg.name}: ${asLiteral ? literal(c.value) : '$v'}`,
    ...others.map((a) => `${a.name}: $${a.name}`),
  ];
  const returned = getNamedType(c.field.type);
  const selection = returned instanceof GraphQLObjectType ? ' { __typename }' : '';
  const head = variables.length > 0 ? `${c.operation}(${variables.join(', ')})` : c.operation;
  return `${head} { ${c.field.name}(${args.join(', ')})${selection} }`;
}

it('never echoes a bad value of any input type, as a variable or a literal', async () => {
  const { all, reached } = cases();
  // Every input object type of the schema is reached (and so every field of each).
  const inputTypes = Object.values(schema.getTypeMap())
    .filter((t) => isInputObjectType(t))
    .map((t) => t.name)
    .sort();
  expect([...reached].sort()).toEqual(inputTypes);
  const leaks: string[] = [];
  for (const c of all) {
    for (const asLiteral of [false, true]) {
      const query = operationFor(c, asLiteral);
      const body: GqlResponse<unknown> = await api.gql(
        query,
        asLiteral ? {} : { v: c.value as Record<string, unknown> },
      );
      const text = JSON.stringify(body);
      expect([c.name, asLiteral, (body.errors ?? []).length > 0]).toEqual([
        c.name,
        asLiteral,
        true,
      ]);
      if (text.includes(MARKER)) {
        leaks.push(`${c.name} (${asLiteral ? 'literal' : 'variable'}): ${text}`);
      }
    }
  }
  expect(leaks).toEqual([]);
  expect(all.length).toBeGreaterThan(100);
  expect(logs.text()).not.toContain(MARKER);
});

it('names the variable, the path and the problem', async () => {
  const referral = 'query($i: ReferralInput!) { referral(input: $i) { guidance { code } } }';
  const res = await api.gql(referral, {
    i: {
      targetGroupCodes: ['women'],
      needCodes: [MARKER],
      age: MARKER,
      near: { latitude: MARKER },
    },
  });
  expect(res.errors?.[0]).toMatchObject({
    message: 'Variable "$i" got an invalid value at "i.age": Expected type "Int".',
    extensions: {
      code: 'BAD_USER_INPUT',
      problems: [
        'Variable "$i" got an invalid value at "i.age": Expected type "Int".',
        'Variable "$i" got an invalid value at "i.near.latitude": Expected type "Float".',
        'Variable "$i" got an invalid value at "i.near": Field "longitude" of required type "Float!" was not provided.',
      ],
    },
  });
  const service = 'mutation($s: CreateServiceInput!) { createService(input: $s) { id } }';
  const created = await api.gql(service, { s: { [MARKER]: 1, addressConfidential: MARKER } });
  expect(created.errors?.[0].extensions.problems).toEqual(
    expect.arrayContaining([
      'Variable "$s" got an invalid value at "s.addressConfidential": Expected type "Boolean".',
      'Variable "$s" got an invalid value: A field is given that input type "CreateServiceInput" does not define.',
    ]),
  );
  const lit = await api.gql(
    `{ referral(input: { targetGroupCodes: ["women"], needCodes: ["x"], age: "${MARKER}" }) { options { rank } } }`,
  );
  expect(lit.errors?.[0]).toMatchObject({
    message: 'Expected value of type "Int"; the value given is not one.',
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
  const syntax = await api.gql(`{ referral(input: { "${MARKER}" }) }`);
  expect(syntax.errors?.[0]).toMatchObject({
    message: 'Syntax Error: Expected Name, found String.',
    extensions: { code: 'GRAPHQL_PARSE_FAILED' },
  });
  expect(JSON.stringify([res, created, lit, syntax])).not.toContain(MARKER);
});
