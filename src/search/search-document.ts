import { Service } from '../catalogue/models/service.model';
import { Geography } from '../geography/geography';
import { Taxonomy } from '../taxonomy/taxonomy';

/**
 * What an external search index holds about a service: only what the public API shows, and no
 * address at all (a confidential one must never leave the graph; a public one is not needed to
 * find a service). Codes are stored as the filters need them.
 */
export interface SearchDocument {
  id: string;
  /** The graph version this document was built from; an older one never replaces a newer one. */
  version: number;
  name: string;
  description: string | null;
  typeCode: string;
  typeName: string;
  typeNameEn: string;
  organisationName: string | null;
  /** The owning organisation (set at creation, never changed); served with a hit (see hit-document.ts). */
  organisationId: string;
  /** Where the service is located (public, like `Service.municipality`). */
  municipalityCode: string | null;
  municipalityName: string | null;
  demo: boolean;
  regionNames: string[];
  targetGroupNames: string[];
  needNames: string[];
  languages: string[];
  /** The same denormalised text the Neo4j index searches (names, keywords, ASCII forms). */
  searchText: string;
  national: boolean;
  /** The codes the service carries (filters match them against the expanded request). */
  targetGroupCodes: string[];
  needCodes: string[];
  /** Every code a filter may name and still find this service (for facets: count = hits). */
  targetGroupMatch: string[];
  needMatch: string[];
  /** Regions the service is located in or covers (fully or through a municipality). */
  regionCodes: string[];
  /** Municipalities the service is located in or covers (directly or through a region). */
  municipalityCodes: string[];
}

/** The current, public state of a service that the sync worker turns into a document. */
export interface DocumentSource {
  service: Service;
  organisationName: string | null;
  searchText: string | null;
}

const uniqueSorted = (codes: Iterable<string>): string[] => [...new Set(codes)].sort();

/** Builds the document for a service from its public model and the reference data. */
export function toSearchDocument(
  source: DocumentSource,
  taxonomy: Taxonomy,
  geography: Geography,
): SearchDocument {
  const s = source.service;
  const type = taxonomy.serviceTypeByCode.get(s.typeCode);
  const located = s.municipalityCode ? geography.municipality(s.municipalityCode) : null;
  const coveredMunicipalities = s.coverage.municipalityCodes.flatMap(
    (c) => geography.municipality(c) ?? [],
  );
  const regionCodes = uniqueSorted([
    ...s.coverage.regionCodes,
    ...(located ? [located.regionCode] : []),
    ...coveredMunicipalities.map((m) => m.regionCode),
  ]);
  const municipalityCodes = uniqueSorted([
    ...(located ? [located.code] : []),
    ...s.coverage.municipalityCodes,
    ...s.coverage.regionCodes.flatMap((r) => geography.municipalitiesIn(r).map((m) => m.code)),
  ]);
  return {
    id: s.id,
    version: s.version,
    name: s.name,
    description: s.description,
    typeCode: s.typeCode,
    typeName: type?.name ?? s.typeCode,
    typeNameEn: type?.nameEn ?? s.typeCode,
    organisationName: source.organisationName,
    organisationId: s.organisationId,
    municipalityCode: s.municipalityCode,
    municipalityName: located?.name ?? null,
    demo: s.demo,
    regionNames: regionCodes.flatMap((c) => {
      const region = geography.region(c);
      return region ? [region.name, region.nameEn] : [];
    }),
    targetGroupNames: s.targetGroupCodes.flatMap((c) => {
      const g = taxonomy.targetGroups.get(c);
      return g ? [g.name, g.nameEn] : [];
    }),
    needNames: s.needCodes.flatMap((c) => {
      const n = taxonomy.needs.get(c);
      return n ? [n.name, n.nameEn] : [];
    }),
    languages: s.languages,
    searchText: source.searchText ?? '',
    national: s.coverage.national,
    targetGroupCodes: s.targetGroupCodes,
    needCodes: s.needCodes,
    targetGroupMatch: taxonomy.targetGroups.expandForMatch(s.targetGroupCodes),
    needMatch: taxonomy.needs.expandForMatch(s.needCodes),
    regionCodes,
    municipalityCodes,
  };
}
