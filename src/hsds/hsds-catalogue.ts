import { Service } from '../catalogue/models/service.model';
import { entityId } from './hsds-ids';
import { flatServiceDocument, MappingContext, serviceDocument } from './hsds-mapping';
import { HsdsListQuery } from './hsds-query';
import { ROUTE_OF_TERM, RULE_TERMS, TAXONOMY_KEYS, taxonomyId, termId } from './hsds-taxonomies';
import { HsdsService, HsdsServiceAtLocation, HsdsServiceFlat } from './hsds-types';

const byNameThenId = (a: Service, b: Service): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The HSDS ids of the terms a service carries, and of their taxonomies. */
function termIdsOf(s: Service): Set<string> {
  const ids = new Set<string>([
    termId('serviceTypes', s.typeCode),
    ...s.targetGroupCodes.map((c) => termId('targetGroups', c)),
    ...s.needCodes.map((c) => termId('needs', c)),
  ]);
  const rules = RULE_TERMS.filter((r) => {
    const route = ROUTE_OF_TERM[r.code];
    if (route) {
      return (s.referralRoutes as string[]).includes(route);
    }
    switch (r.code) {
      case 'max-boy-age':
        return s.eligibility.maxBoyAge !== null;
      case 'wheelchair-accessible':
        return s.wheelchairAccessible !== null;
      case 'demonstration-data':
        return s.demo;
      case 'accepts-children':
      case 'anonymous':
      case 'self-referral':
      case 'municipality-referral':
      case 'professional-referral':
      case 'police-referral':
        return true;
    }
  });
  rules.forEach((r) => ids.add(termId('rules', r.code)));
  // every service carries a type, groups, needs and rules: it is in all four taxonomies
  TAXONOMY_KEYS.forEach((k) => ids.add(taxonomyId(k)));
  return ids;
}

/**
 * The current services of one catalogue snapshot as HSDS sees them: in a fixed order (name, then
 * id), by HSDS id, with each document mapped once and kept for as long as the snapshot is the
 * current one. A request filters and pages these in memory, as a listing does.
 */
export class HsdsCatalogue {
  readonly services: readonly Service[];
  private readonly byHsdsId = new Map<string, Service>();
  private readonly flats = new Map<Service, HsdsServiceFlat>();
  private readonly fulls = new Map<Service, HsdsService>();
  private readonly terms = new Map<Service, Set<string>>();
  private readonly texts = new Map<Service, string>();

  constructor(
    readonly ctx: MappingContext,
    services: readonly Service[],
  ) {
    this.services = [...services].sort(byNameThenId);
    for (const s of this.services) {
      this.byHsdsId.set(entityId('service', s.id), s);
    }
  }

  /** A current service by its HSDS id. */
  byId(hsdsId: string): Service | undefined {
    return this.byHsdsId.get(hsdsId.toLowerCase());
  }

  flat(s: Service): HsdsServiceFlat {
    let doc = this.flats.get(s);
    if (!doc) {
      doc = flatServiceDocument(s);
      this.flats.set(s, doc);
    }
    return doc;
  }

  /** The whole document, without its organisation (the caller adds it). */
  full(s: Service): HsdsService {
    let doc = this.fulls.get(s);
    if (!doc) {
      doc = serviceDocument(this.ctx, s);
      this.fulls.set(s, doc);
    }
    return doc;
  }

  serviceAtLocations(s: Service): HsdsServiceAtLocation[] {
    return this.full(s).service_at_locations;
  }

  /** Whether the service has a public place (and so a service_at_location). */
  hasLocation(s: Service): boolean {
    return !s.addressConfidential && s.publicAddress !== null;
  }

  termIds(s: Service): Set<string> {
    let ids = this.terms.get(s);
    if (!ids) {
      ids = termIdsOf(s);
      this.terms.set(s, ids);
    }
    return ids;
  }

  private text(s: Service): string {
    let t = this.texts.get(s);
    if (t === undefined) {
      t = `${s.name}\n${s.description ?? ''}`.toLowerCase();
      this.texts.set(s, t);
    }
    return t;
  }

  /** The services matching every filter given (search, term, taxonomy, organisation, time). */
  filter(q: HsdsListQuery, services: readonly Service[] = this.services): Service[] {
    const org = q.organizationId;
    const after = q.modifiedAfter?.getTime() ?? null;
    return services.filter(
      (s) =>
        (q.search === null || this.text(s).includes(q.search)) &&
        (q.taxonomyTermId === null || this.termIds(s).has(q.taxonomyTermId)) &&
        (q.taxonomyId === null || this.termIds(s).has(q.taxonomyId)) &&
        (org === null || entityId('organization', s.organisationId) === org) &&
        (after === null || s.updatedAt.getTime() >= after),
    );
  }
}
