import { Taxonomy } from '../taxonomy/taxonomy';
import { uuidV5 } from './hsds-ids';
import { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds-types';

/**
 * Henvis's four vocabularies as HSDS taxonomies. `linkType` is the attribute's `link_type` on a
 * service; the first three are the taxonomy's codes (DOMAIN.md), the fourth the referral rules
 * that have no field of their own in HSDS.
 */
export const TAXONOMIES = {
  serviceTypes: {
    key: 'service-types',
    linkType: 'service_type',
    name: 'Henvis service types',
    description: 'Kinds of service for people exposed to violence in close relationships.',
  },
  targetGroups: {
    key: 'target-groups',
    linkType: 'target_group',
    name: 'Henvis target groups',
    description: 'Groups of people a service is for; a broader group includes its narrower ones.',
  },
  needs: {
    key: 'needs',
    linkType: 'need',
    name: 'Henvis needs',
    description: 'Needs a service meets; a broader need includes its narrower ones.',
  },
  rules: {
    key: 'referral-rules',
    linkType: 'referral_rule',
    name: 'Henvis referral rules',
    description: 'Who a service accepts and how a person gets there.',
  },
} as const;

export type TaxonomyKey = keyof typeof TAXONOMIES;
export const TAXONOMY_KEYS = Object.keys(TAXONOMIES) as TaxonomyKey[];

/** The referral rules as terms (the value of the attribute, where it has one, says how). */
export const RULE_TERMS = [
  { code: 'accepts-children', name: 'Takes accompanying children', value: 'true or false' },
  { code: 'max-boy-age', name: 'Oldest accompanying boy', value: 'an age in years' },
  { code: 'anonymous', name: 'Can be used anonymously', value: 'true or false' },
  { code: 'wheelchair-accessible', name: 'Step-free access', value: 'true or false' },
  { code: 'self-referral', name: 'The person may contact the service directly', value: null },
  { code: 'municipality-referral', name: 'Referral through the municipality', value: null },
  { code: 'professional-referral', name: 'Referral by a professional', value: null },
  { code: 'police-referral', name: 'After the police or municipality has acted', value: null },
  { code: 'demonstration-data', name: 'Demonstration data: not a verified listing', value: null },
] as const;

export type RuleCode = (typeof RULE_TERMS)[number]['code'];

/** The referral route of each route term (the rest are rules of their own). */
export const ROUTE_OF_TERM: Partial<Record<RuleCode, string>> = {
  'self-referral': 'SELF',
  'municipality-referral': 'MUNICIPALITY',
  'professional-referral': 'PROFESSIONAL',
  'police-referral': 'POLICE',
};

export const TERM_OF_ROUTE: Record<string, RuleCode> = Object.fromEntries(
  Object.entries(ROUTE_OF_TERM).map(([term, route]) => [route, term as RuleCode]),
);

export const taxonomyId = (key: TaxonomyKey): string => uuidV5(`taxonomy:${TAXONOMIES[key].key}`);

const TERM_IDS = new Map<string, string>();

/** A term's id (memoised: a snapshot asks for the same few terms for every service). */
export function termId(key: TaxonomyKey, code: string): string {
  const name = `taxonomy_term:${TAXONOMIES[key].key}:${code}`;
  let id = TERM_IDS.get(name);
  if (id === undefined) {
    id = uuidV5(name);
    if (TERM_IDS.size < 10_000) {
      TERM_IDS.set(name, id);
    }
  }
  return id;
}

export function taxonomyDocument(key: TaxonomyKey): HsdsTaxonomy {
  const t = TAXONOMIES[key];
  return { id: taxonomyId(key), name: t.name, description: t.description, version: '1' };
}

/** A term of one of the taxonomies: its code, names and place in the hierarchy. */
export interface TermEntry {
  key: TaxonomyKey;
  code: string;
  nameEn: string;
  description: string;
  parentCode: string | null;
}

/** Every term of the four taxonomies, in taxonomy order then by code. */
export function termEntries(tax: Taxonomy): TermEntry[] {
  const danish = (name: string, more: string | null = null): string =>
    more ? `${name}: ${more}` : name;
  return [
    ...tax.serviceTypes.map((t) => ({
      key: 'serviceTypes' as const,
      code: t.code,
      nameEn: t.nameEn,
      description: danish(t.name, t.description),
      parentCode: null,
    })),
    ...tax.targetGroups.nodes.map((g) => ({
      key: 'targetGroups' as const,
      code: g.code,
      nameEn: g.nameEn,
      description: danish(g.name),
      parentCode: g.parentCode,
    })),
    ...tax.needs.nodes.map((n) => ({
      key: 'needs' as const,
      code: n.code,
      nameEn: n.nameEn,
      description: danish(n.name),
      parentCode: n.parentCode,
    })),
    ...RULE_TERMS.map((r) => ({
      key: 'rules' as const,
      code: r.code,
      nameEn: r.name,
      description: r.value ? `${r.name} (value: ${r.value})` : r.name,
      parentCode: null,
    })),
  ];
}

/** A term as HSDS writes it; with its taxonomy nested when `detail` (the term's own document). */
export function termDocument(entry: TermEntry, detail = false): HsdsTaxonomyTerm {
  return {
    id: termId(entry.key, entry.code),
    code: entry.code,
    name: entry.nameEn,
    description: entry.description,
    ...(entry.parentCode ? { parent_id: termId(entry.key, entry.parentCode) } : {}),
    taxonomy: TAXONOMIES[entry.key].name,
    taxonomy_id: taxonomyId(entry.key),
    language: 'en',
    ...(detail ? { taxonomy_detail: taxonomyDocument(entry.key) } : {}),
  };
}
