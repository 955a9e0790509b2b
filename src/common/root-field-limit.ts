import { ASTVisitor, GraphQLError, Kind, SelectionSetNode, ValidationContext } from 'graphql';
import { fragmentsByName } from './graphql-fragments';

export const MAX_ROOT_FIELDS = 20;

/**
 * Rejects operations with more than `max` top-level fields (counted by response key, fragments
 * followed), before anything runs. Each top-level field is at least one database query, and
 * aliases repeat one cheaply: `{ r1: referral(…) r2: referral(…) … }` in one 100 kB request
 * would otherwise cost the database seconds. Introspection (`__schema`, `__typename`) is not
 * counted: it reads no data.
 */
export function rootFieldLimit(
  max: number = MAX_ROOT_FIELDS,
): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = fragmentsByName(context.getDocument());
    const collect = (set: SelectionSetNode, keys: Set<string>, visited: Set<string>): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (!selection.name.value.startsWith('__')) {
            keys.add(selection.alias?.value ?? selection.name.value);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          collect(selection.selectionSet, keys, visited);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Each fragment once: its keys are already in the set the second time.
          if (fragment && !visited.has(name)) {
            visited.add(name);
            collect(fragment.selectionSet, keys, visited);
          }
        }
      }
    };
    return {
      OperationDefinition(node) {
        const keys = new Set<string>();
        collect(node.selectionSet, keys, new Set());
        if (keys.size > max) {
          context.reportError(
            new GraphQLError(
              `The operation asks for ${keys.size} top-level fields; at most ${max} are allowed.`,
              { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
            ),
          );
        }
      },
    };
  };
}
