import type { Settings } from 'meilisearch/dist/index.js';
import { Geography } from '../../geography/geography';
import { Taxonomy } from '../../taxonomy/taxonomy';
import { FacetCounts } from '../search-index';
import { danishAscii, SYNONYM_GROUPS } from '../search-vocabulary';

/** The document attribute each facet counts (group/need facets use the expanded codes). */
export const FACET_ATTRIBUTES: Readonly<Record<keyof FacetCounts, string>> = {
  types: 'typeCode',
  regions: 'regionCodes',
  targetGroups: 'targetGroupMatch',
  needs: 'needMatch',
  languages: 'languages',
};

/** Most important first: Meilisearch's `attribute` rule ranks a match in `name` above others. */
export const SEARCHABLE_ATTRIBUTES = [
  'name',
  'typeName',
  'typeNameEn',
  'organisationName',
  'targetGroupNames',
  'needNames',
  'municipalityName',
  'regionNames',
  'description',
  'searchText',
];

export const FILTERABLE_ATTRIBUTES = [
  'id',
  'typeCode',
  'targetGroupCodes',
  'needCodes',
  'targetGroupMatch',
  'needMatch',
  'regionCodes',
  'municipalityCodes',
  'national',
  'languages',
];

function addGroup(synonyms: Map<string, Set<string>>, words: readonly string[]): void {
  const group = [...new Set(words.map((w) => w.toLowerCase().trim()).filter((w) => w !== ''))];
  for (const word of group) {
    const set = synonyms.get(word) ?? new Set<string>();
    group.filter((w) => w !== word).forEach((w) => set.add(w));
    if (set.size > 0) {
      synonyms.set(word, set);
    }
  }
}

/**
 * Synonyms: the word groups of the vocabulary, every Danish name with its English one (types,
 * groups, needs, regions), and every name word with a Danish letter with its ASCII form (æ ↔ ae,
 * ø ↔ oe, å ↔ aa; and "aa" words such as Aarhus with their å form).
 */
export function meiliSynonyms(taxonomy: Taxonomy, geography: Geography): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  SYNONYM_GROUPS.forEach((g) => addGroup(synonyms, g));
  const named = [
    ...taxonomy.serviceTypes,
    ...taxonomy.targetGroups.nodes,
    ...taxonomy.needs.nodes,
    ...geography.regions,
  ];
  named.forEach((n) => addGroup(synonyms, [n.name, n.nameEn]));
  const names = [
    ...named.flatMap((n) => [n.name, n.nameEn]),
    ...geography.municipalities.map((m) => m.name),
    ...SYNONYM_GROUPS.flat(),
  ];
  const words = new Set(
    names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 1),
  );
  for (const word of words) {
    if (/[æøå]/.test(word)) {
      addGroup(synonyms, [word, danishAscii(word)]);
    } else if (word.includes('aa')) {
      addGroup(synonyms, [word, word.replace(/aa/g, 'å')]);
    }
  }
  return Object.fromEntries(
    [...synonyms.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([word, set]) => [word, [...set].sort()]),
  );
}

/** The index settings the app applies on start (idempotent: the same input gives the same settings). */
export function meiliSettings(taxonomy: Taxonomy, geography: Geography): Settings {
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: ['name', 'id'],
    // Relevance first; `sort` (name, then id) last, so it only orders equally relevant hits.
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'sort'],
    synonyms: meiliSynonyms(taxonomy, geography),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 6, twoTypos: 10 },
    },
    faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' } },
    // Cheaper indexing (each push is applied sooner): proximity counts within an attribute only,
    // and no facet-value search index (facets are only counted, never searched).
    proximityPrecision: 'byAttribute',
    facetSearch: false,
    pagination: { maxTotalHits: 10_000 },
  };
}
