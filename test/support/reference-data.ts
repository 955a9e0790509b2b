import { readReference } from '../../seed/loader';
import { Geography } from '../../src/geography/geography';
import { Taxonomy } from '../../src/taxonomy/taxonomy';

/**
 * The real reference data (the seed files) as in-memory objects, for unit specs without a
 * database: rules are tested on the canonical hierarchies, places and referral chain.
 */
export function referenceData(): { taxonomy: Taxonomy; geography: Geography } {
  const ref = readReference();
  const node = (r: { code: string; name: string; nameEn: string; parent: string | null }) => ({
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    description: null,
    parentCode: r.parent,
  });
  const taxonomy = new Taxonomy({
    serviceTypes: ref.taxonomy.serviceTypes.map((t) => ({ ...t, parentCode: null })),
    targetGroups: ref.taxonomy.targetGroups.map(node),
    needs: ref.taxonomy.needs.map((n) => ({
      ...node(n),
      phase: n.phase,
      followUps: (n.followUps ?? []).map((f) =>
        typeof f === 'string' ? { code: f, when: null } : { code: f.need, when: f.when },
      ),
    })),
  });
  const geography = new Geography(
    ref.regions,
    ref.municipalities.map((m) => ({
      code: m.code,
      name: m.name,
      regionCode: m.regionCode,
      location: { latitude: m.lat, longitude: m.lon },
    })),
  );
  return { taxonomy, geography };
}

/** A row of a small hand-made taxonomy for a spec: named by its code in both languages. */
export const codeRow = (code: string, parentCode: string | null = null) => ({
  code,
  name: code,
  nameEn: code,
  description: null,
  parentCode,
});
