import {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';

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
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) {
        return 0;
      }
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) {
            continue; // introspection: deep by design, and it reads no data
          }
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) {
            deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
          }
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
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
