import { readReference } from '../../seed/loader';
import { Geography } from '../geography/geography';
import { Taxonomy } from '../taxonomy/taxonomy';

/** The real reference data (seed files) as in-memory objects, for specs without a database. */
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
    needs: ref.taxonomy.needs.map(node),
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
