import { getIntrospectionQuery, Kind, OperationDefinitionNode, parse } from 'graphql';
import { REFERRAL_PLAN } from '../../web/src/operations';
import {
  documentSizeRefusal,
  MAX_ARGUMENTS,
  MAX_DEFINITIONS,
  MAX_DIRECTIVES,
  MAX_MERGE_PAIRS,
  MAX_VARIABLES,
  mergePairs,
  repeatedFieldsRefusal,
} from './selection-limits';

const pairsOf = (query: string): number => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operation ? mergePairs(document, operation, Infinity) : -1;
};

describe('mergePairs', () => {
  it('counts the pairs of fields under one key at one place, fragments expanded', () => {
    expect(pairsOf('{ regions { code } }')).toBe(0);
    // regions ×3: 3 pairs, and their `code` under regions: 3 more.
    expect(pairsOf('{ regions { code } regions { code } regions { code } }')).toBe(6);
    // Aliases answer under their own key: nothing to merge.
    expect(pairsOf('{ a: regions { code } b: regions { code } }')).toBe(0);
    // A fragment and an inline fragment selecting what the operation selects.
    expect(
      pairsOf(
        '{ regions { code ...R ... on Region { code } } } fragment R on Region { code name }',
      ),
    ).toBe(3);
    // Fields of one name under different parents are not compared.
    expect(pairsOf('{ regions { code } municipalities { code } }')).toBe(0);
  });

  it('stops at the number asked and does not follow a fragment cycle', () => {
    const document = parse(`{ ${'regions { code } '.repeat(990)}}`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(mergePairs(document, operation)).toBe(MAX_MERGE_PAIRS + 1);
    expect(pairsOf('{ ...A } fragment A on Query { __typename ...A }')).toBe(0);
  });
});

describe('repeatedFieldsRefusal', () => {
  it('refuses 990 copies of one field and lets the page and introspection through', () => {
    expect(repeatedFieldsRefusal(parse(`{ ${'regions { code } '.repeat(990)}}`))?.message).toBe(
      `The query repeats fields: more than ${MAX_MERGE_PAIRS} pairs of selections answer under one name at one place; at most ${MAX_MERGE_PAIRS} are allowed.`,
    );
    expect(repeatedFieldsRefusal(parse(`{ ${'regions { code } '.repeat(14)}}`))).toBeNull();
    expect(repeatedFieldsRefusal(parse(getIntrospectionQuery()))).toBeNull();
    expect(repeatedFieldsRefusal(parse(REFERRAL_PLAN))).toBeNull();
  });
});

describe('documentSizeRefusal', () => {
  const message = (query: string): string | undefined => documentSizeRefusal(parse(query))?.message;

  it('refuses too many arguments, directives, variables or definitions, naming the limit only', () => {
    const args = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: 1`).join(', ');
    expect(message(`{ municipalities(${args(MAX_ARGUMENTS + 1)}) { code } }`)).toBe(
      `A field or directive has more than ${MAX_ARGUMENTS} arguments.`,
    );
    expect(message(`{ regions @include(${args(MAX_ARGUMENTS + 1)}) { code } }`)).toBe(
      `A field or directive has more than ${MAX_ARGUMENTS} arguments.`,
    );
    expect(message(`{ regions { code ${'@include(if: true) '.repeat(MAX_DIRECTIVES + 1)}} }`)).toBe(
      `A selection has more than ${MAX_DIRECTIVES} directives.`,
    );
    const variables = Array.from({ length: MAX_VARIABLES + 1 }, (_, i) => `$v${i}: Int`);
    expect(message(`query(${variables.join(', ')}) { regions { code } }`)).toBe(
      `The operation declares ${MAX_VARIABLES + 1} variables; at most ${MAX_VARIABLES} are allowed.`,
    );
    const operations = Array.from(
      { length: MAX_DEFINITIONS + 1 },
      (_, i) => `query q${i} { __typename }`,
    );
    expect(message(operations.join('\n'))).toBe(
      `The document has ${MAX_DEFINITIONS + 1} operations and fragments; at most ${MAX_DEFINITIONS} are allowed.`,
    );
  });

  it('lets the page and introspection through', () => {
    expect(message(getIntrospectionQuery())).toBeUndefined();
    expect(message(REFERRAL_PLAN)).toBeUndefined();
    expect(
      message(`{ municipalities(${'regionCode: "1" '.repeat(MAX_ARGUMENTS)}) { code } }`),
    ).toBeUndefined();
  });
});
