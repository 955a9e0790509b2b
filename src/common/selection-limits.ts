import {
  DirectiveNode,
  DocumentNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { fragmentsByName } from './graphql-fragments';

/**
 * Pairs of fields that graphql's validation must compare because they answer under the same key
 * at the same place (`{ regions { code } regions { code } … }`, or one field in two fragments).
 * graphql's OverlappingFieldsCanBeMerged compares every such pair and their selections: 990
 * copies of `regions { code }` (13.9 kB) are 490,000 pairs, 100–500 ms of event loop per request.
 * 200 pairs are a few hundred microseconds; a client's fragments that overlap on `id` or `name`
 * make a handful.
 */
export const MAX_MERGE_PAIRS = 200;
/** Fields the pair count walks at most (fragments expanded); past it the count says too many. */
const MAX_WALKED_FIELDS = 20_000;
/** Arguments on one field or directive (the schema's fields take at most three). */
export const MAX_ARGUMENTS = 10;
/** Directives on one field, fragment or operation. */
export const MAX_DIRECTIVES = 10;
/** Variables of one operation (the page's largest has three). */
export const MAX_VARIABLES = 50;
/** Operations and fragments in one document. */
export const MAX_DEFINITIONS = 50;

/** A refusal with the code of graphql's validation errors; it names limits only, never input. */
export function limitError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
}

/**
 * Refuses a document whose size in definitions, variables, arguments or directives would make
 * graphql's own validation rules do more than a few milliseconds of work (each of them is
 * linear or worse in one of these counts), in one walk of its nodes. Hand-written: graphql-armor
 * counts depth, aliases and directives, none of the others, and each of its rules walks the
 * document again.
 */
export function documentSizeRefusal(document: DocumentNode): GraphQLError | null {
  if (document.definitions.length > MAX_DEFINITIONS) {
    return limitError(
      `The document has ${document.definitions.length} operations and fragments; at most ${MAX_DEFINITIONS} are allowed.`,
    );
  }
  let refusal: GraphQLError | null = null;
  const tooMany = (node: {
    readonly arguments?: readonly unknown[];
    readonly directives?: readonly DirectiveNode[];
  }): boolean => {
    const directives = node.directives ?? [];
    if (
      (node.arguments?.length ?? 0) > MAX_ARGUMENTS ||
      directives.some((directive) => (directive.arguments?.length ?? 0) > MAX_ARGUMENTS)
    ) {
      refusal = limitError(`A field or directive has more than ${MAX_ARGUMENTS} arguments.`);
    } else if (directives.length > MAX_DIRECTIVES) {
      refusal = limitError(`A selection has more than ${MAX_DIRECTIVES} directives.`);
    }
    return refusal !== null;
  };
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some(
      (selection) =>
        tooMany(selection) ||
        (selection.kind !== Kind.FRAGMENT_SPREAD &&
          selection.selectionSet !== undefined &&
          walk(selection.selectionSet)),
    );
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      const variables = definition.variableDefinitions?.length ?? 0;
      if (variables > MAX_VARIABLES) {
        return limitError(
          `The operation declares ${variables} variables; at most ${MAX_VARIABLES} are allowed.`,
        );
      }
    }
    if (
      (definition.kind === Kind.OPERATION_DEFINITION ||
        definition.kind === Kind.FRAGMENT_DEFINITION) &&
      (tooMany(definition) || walk(definition.selectionSet))
    ) {
      return refusal;
    }
  }
  return null;
}

/**
 * The number of field pairs graphql's validation compares in one operation: fields that answer
 * under the same key at the same response path (fragments expanded), counted in one walk that
 * stops at `stopAt` pairs. Hand-written: no kept library counts them, and counting is linear
 * where graphql's comparison is quadratic. Fragment cycles are not followed (validation refuses
 * them).
 */
export function mergePairs(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  stopAt: number = MAX_MERGE_PAIRS + 1,
): number {
  const fragments = fragmentsByName(document);
  const seen = new Map<string, number>();
  let pairs = 0;
  let fields = 0;
  const walk = (set: SelectionSetNode, path: string, active: Set<string>): void => {
    for (const selection of set.selections) {
      if (pairs >= stopAt || fields > MAX_WALKED_FIELDS) {
        pairs = Math.max(pairs, fields > MAX_WALKED_FIELDS ? stopAt : pairs);
        return;
      }
      if (selection.kind === Kind.FIELD) {
        fields++;
        const key = `${path}.${selection.alias?.value ?? selection.name.value}`;
        const before = seen.get(key) ?? 0;
        pairs += before;
        seen.set(key, before + 1);
        if (selection.selectionSet) {
          walk(selection.selectionSet, key, active);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, path, active);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !active.has(name)) {
          active.add(name);
          walk(fragment.selectionSet, path, active);
          active.delete(name);
        }
      }
    }
  };
  walk(operation.selectionSet, '', new Set());
  return Math.min(pairs, stopAt);
}

/** Refuses an operation whose fields graphql would compare in more than MAX_MERGE_PAIRS pairs. */
export function repeatedFieldsRefusal(document: DocumentNode): GraphQLError | null {
  for (const definition of document.definitions) {
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      mergePairs(document, definition) > MAX_MERGE_PAIRS
    ) {
      return limitError(
        `The query repeats fields: more than ${MAX_MERGE_PAIRS} pairs of selections answer under one name at one place; at most ${MAX_MERGE_PAIRS} are allowed.`,
      );
    }
  }
  return null;
}
