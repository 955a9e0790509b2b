import { DocumentNode, FragmentDefinitionNode, Kind } from 'graphql';

/** The fragment definitions of a document, by name (for validation rules that follow spreads). */
export function fragmentsByName(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return fragments;
}
