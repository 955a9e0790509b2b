import { FieldNode, GraphQLResolveInfo, Kind, OperationDefinitionNode, parse } from 'graphql';
import {
  documentFieldsFor,
  documentHolds,
  HitDocument,
  selectedFieldsAt,
  serviceFromDocument,
} from './hit-document';

/** The resolve info of the first root field of `query` (what selectedFieldsAt reads). */
function infoOf(query: string): GraphQLResolveInfo {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [],
    ),
  );
  const root = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root], fragments } as unknown as GraphQLResolveInfo;
}

const doc: HitDocument = {
  id: 'svc-1',
  version: 4,
  name: 'Alfa',
  description: null,
  typeCode: 'womens-shelter',
  languages: ['da'],
  targetGroupCodes: ['women'],
  needCodes: ['safety'],
  municipalityCode: '751',
  demo: false,
  organisationId: 'org-1',
};

describe('hit documents', () => {
  it('reads the Service fields selected on a hit, through fragments and aliases', () => {
    const info = infoOf(`query {
      searchServices(query: "x") {
        totalHits
        hits { score service { id ...F ... on Service { type { code } } other: name } }
      }
    }
    fragment F on Service { name municipality { name } }`);
    expect([...selectedFieldsAt(info, ['hits', 'service'])].sort()).toEqual(
      ['id', 'municipality', 'name', 'type'].sort(),
    );
    expect([...selectedFieldsAt(info, ['hits'])].sort()).toEqual(['score', 'service']);
  });

  it('serves from a document only what it holds: never the address, contact or capacity', () => {
    expect(documentFieldsFor(new Set(['id', 'name', 'type']))).toEqual(['id', 'name', 'typeCode']);
    expect(documentFieldsFor(new Set())).toEqual([]);
    expect(documentFieldsFor(new Set(['name', 'address']))).toBeNull();
    expect(documentFieldsFor(new Set(['addressConfidential']))).toBeNull();
    expect(documentFieldsFor(new Set(['contact']))).toBeNull();
    expect(documentFieldsFor(new Set(['capacity']))).toBeNull();
    expect(documentFieldsFor(new Set(['constructor']))).toBeNull();
    expect(documentFieldsFor(null)).toBeNull();
  });

  it('needs every field in the document (one written before a field existed lacks it)', () => {
    expect(documentHolds(doc, ['name', 'organisationId'])).toBe(true);
    const older: HitDocument = { ...doc, organisationId: undefined };
    expect(documentHolds(older, ['name', 'organisationId'])).toBe(false);
    expect(documentHolds(older, ['name'])).toBe(true);
  });

  it('builds a Service without any address', () => {
    expect(serviceFromDocument(doc)).toMatchObject({
      id: 'svc-1',
      version: 4,
      name: 'Alfa',
      typeCode: 'womens-shelter',
      municipalityCode: '751',
      organisationId: 'org-1',
      publicAddress: null,
    });
    expect(JSON.stringify(serviceFromDocument(doc))).not.toContain('street');
  });
});
