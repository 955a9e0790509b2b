import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { Service } from '../catalogue/models/service.model';
import { SearchDocument } from './search-document';

/**
 * The public fields of a hit as an external index holds them (a subset of `SearchDocument`).
 * Fields added to the document later are optional here: a document written before them lacks
 * them until the worker or a reindex rewrites it, and such a hit is read from the graph.
 */
export type HitDocument = Pick<
  SearchDocument,
  'id' | 'version' | 'name' | 'description' | 'typeCode' | 'languages'
> &
  Partial<
    Pick<
      SearchDocument,
      'targetGroupCodes' | 'needCodes' | 'municipalityCode' | 'demo' | 'organisationId'
    >
  >;

/** What the Meilisearch adapter asks for with each hit when the document may serve it. */
export const HIT_DOCUMENT_ATTRIBUTES: readonly (keyof HitDocument)[] = [
  'id',
  'version',
  'name',
  'description',
  'typeCode',
  'languages',
  'targetGroupCodes',
  'needCodes',
  'municipalityCode',
  'demo',
  'organisationId',
];

/**
 * The `Service` fields (GraphQL) a hit document can answer, with the document fields each one
 * needs (the field resolvers of ServiceResolver turn the codes into objects from reference data;
 * `organisation` loads the organisation by id, as it does for a service read from the graph).
 * Anything else (the address above all, contact, capacity, eligibility, referrals …) is not in
 * the document: a query that selects it gets every hit from the graph, through the same access
 * rules as `service(id)`.
 */
export const SERVICE_FIELDS_FROM_DOCUMENT: Readonly<
  Record<string, readonly (keyof HitDocument)[]>
> = {
  __typename: [],
  id: ['id'],
  version: ['version'],
  name: ['name'],
  description: ['description'],
  type: ['typeCode'],
  languages: ['languages'],
  targetGroups: ['targetGroupCodes'],
  needs: ['needCodes'],
  municipality: ['municipalityCode'],
  demo: ['demo'],
  organisation: ['organisationId'],
};

/**
 * The document fields needed to answer `fields` (Service fields the query selects), or null when
 * one of them is not answerable from a document.
 */
export function documentFieldsFor(
  fields: ReadonlySet<string> | null,
): readonly (keyof HitDocument)[] | null {
  if (fields === null) {
    return null;
  }
  const needed = new Set<keyof HitDocument>();
  for (const field of fields) {
    const from = Object.prototype.hasOwnProperty.call(SERVICE_FIELDS_FROM_DOCUMENT, field)
      ? SERVICE_FIELDS_FROM_DOCUMENT[field]
      : undefined;
    if (!from) {
      return null;
    }
    from.forEach((f) => needed.add(f));
  }
  return [...needed];
}

/** Whether the document holds every field in `needed` (older documents may lack some). */
export function documentHolds(doc: HitDocument, needed: readonly (keyof HitDocument)[]): boolean {
  return needed.every((f) => doc[f] !== undefined);
}

/**
 * A `Service` carrying only what the document holds. Only for a query whose selection
 * `documentFieldsFor` accepted (the other fields are never resolved): it carries no address,
 * and `addressConfidential` is not answerable from it, so `address` always comes from the graph.
 */
export function serviceFromDocument(doc: HitDocument): Service {
  return Object.assign(new Service(), {
    id: doc.id,
    version: doc.version,
    name: doc.name,
    description: doc.description,
    typeCode: doc.typeCode,
    languages: doc.languages,
    targetGroupCodes: doc.targetGroupCodes ?? [],
    needCodes: doc.needCodes ?? [],
    municipalityCode: doc.municipalityCode ?? null,
    demo: doc.demo ?? false,
    organisationId: doc.organisationId ?? '',
    publicAddress: null,
  });
}

function collect(
  set: SelectionSetNode | undefined,
  path: readonly string[],
  info: GraphQLResolveInfo,
  seen: Set<string>,
  into: Set<string>,
): void {
  for (const sel of set?.selections ?? []) {
    switch (sel.kind) {
      case Kind.FIELD:
        if (path.length === 0) {
          into.add(sel.name.value);
        } else if (sel.name.value === path[0]) {
          collect(sel.selectionSet, path.slice(1), info, seen, into);
        }
        break;
      case Kind.INLINE_FRAGMENT:
        collect(sel.selectionSet, path, info, seen, into);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[sel.name.value];
        if (fragment && !seen.has(sel.name.value)) {
          seen.add(sel.name.value);
          collect(fragment.selectionSet, path, info, seen, into);
          seen.delete(sel.name.value);
        }
        break;
      }
    }
  }
}

/**
 * The field names selected at `path` below the field being resolved (through fragments and
 * aliases; a field under @skip/@include counts as selected).
 */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const into = new Set<string>();
  info.fieldNodes.forEach((node: FieldNode) =>
    collect(node.selectionSet, path, info, new Set(), into),
  );
  return into;
}
