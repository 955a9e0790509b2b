import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

function selects(
  set: SelectionSetNode | undefined,
  name: string,
  info: GraphQLResolveInfo,
  seen: Set<string>,
): boolean {
  return (set?.selections ?? []).some((sel) => {
    switch (sel.kind) {
      case Kind.FIELD:
        return sel.name.value === name;
      case Kind.INLINE_FRAGMENT:
        return selects(sel.selectionSet, name, info, seen);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[sel.name.value];
        if (!fragment || seen.has(sel.name.value)) {
          return false;
        }
        seen.add(sel.name.value);
        return selects(fragment.selectionSet, name, info, seen);
      }
    }
  });
}

/**
 * Whether the client selected `name` directly on the field being resolved (through fragments
 * too), so a costly field such as `totalCount` is computed only when asked for.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  return info.fieldNodes.some((node: FieldNode) => selects(node.selectionSet, name, info, seen));
}
