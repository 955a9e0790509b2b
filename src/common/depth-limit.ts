import { ASTVisitor, GraphQLError, Kind, SelectionSetNode, ValidationContext } from 'graphql';
import { fragmentsByName } from './graphql-fragments';

export const MAX_QUERY_DEPTH = 12;

/**
 * Rejects operations nested deeper than `max` fields (fragments followed), before anything runs:
 * `organisation { services { organisation { services … } } }` could otherwise make one request
 * cost the database a great deal. Introspection (`__schema`, `__type`) is not counted: its
 * standard query is deep by design and reads no data.
 */
export function depthLimit(
  max: number = MAX_QUERY_DEPTH,
): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = fragmentsByName(context.getDocument());
    // Each fragment's depth is computed once: following spreads path by path would take time
    // exponential in the number of fragments (F0 { ...F1 ...F1 } F1 { ...F2 ...F2 } …), so a
    // request of a few hundred bytes could block the process for minutes. A spread of a fragment
    // still being measured (a cycle, which graphql reports itself) counts as 0.
    const fragmentDepths = new Map<string, number>();
    const measuring = new Set<string>();
    const fragmentDepth = (name: string): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) {
        return known;
      }
      const fragment = fragments.get(name);
      if (!fragment || measuring.has(name)) {
        return 0;
      }
      measuring.add(name);
      const depth = depthOf(fragment.selectionSet);
      measuring.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };
    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) {
        return 0;
      }
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) {
            continue; // introspection: deep by design, and it reads no data
          }
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > max) {
          context.reportError(
            new GraphQLError(
              `The query is nested ${depth} levels deep; at most ${max} are allowed.`,
              {
                nodes: [node],
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
              },
            ),
          );
        }
      },
    };
  };
}
