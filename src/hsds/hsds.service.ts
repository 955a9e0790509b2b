import { Injectable } from '@nestjs/common';
import { Service } from '../catalogue/models/service.model';
import { CatalogueSnapshot, CatalogueSnapshotCache } from '../catalogue/catalogue-snapshot';
import { LoaderRegistry } from '../common/request-context';
import { GeographyService } from '../geography/geography.service';
import { Organisation } from '../organisations/models/organisation.model';
import { OrganisationsService } from '../organisations/organisations.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { HsdsCatalogue } from './hsds-catalogue';
import { entityId } from './hsds-ids';
import { HSDS_VERSION, MappingContext, organizationDocument } from './hsds-mapping';
import { HsdsListQuery } from './hsds-query';
import {
  TAXONOMY_KEYS,
  taxonomyDocument,
  taxonomyId,
  termDocument,
  TermEntry,
  termEntries,
  termId,
} from './hsds-taxonomies';
import {
  HsdsOrganization,
  HsdsService as HsdsServiceDocument,
  HsdsServiceAtLocation,
  HsdsServiceFlat,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds-types';

/**
 * The items of a list, before paging: how many, and a range of them as documents (mapped only
 * for the range asked for).
 */
export interface HsdsList<U> {
  count: number;
  slice(start: number, end: number): Promise<U[]>;
}

function listOf<T, U>(items: readonly T[], map: (items: T[]) => U[] | Promise<U[]>): HsdsList<U> {
  return {
    count: items.length,
    slice: async (start, end) => map(items.slice(start, end)),
  };
}

/** A service list item: its one-to-one fields, its id and time only, or the whole document. */
export type ServiceItem = HsdsServiceFlat | HsdsServiceDocument | MinimalService;
export interface MinimalService {
  id: string;
  name: string;
  status: 'active';
  last_modified: string;
}

export interface HsdsRoot {
  version: string;
  profile: string;
  openapi_url: string;
}

/** An organisation with its services (an extension of the standard's organisation). */
export type OrganizationDocument = HsdsOrganization & { services?: ServiceItem[] };

/**
 * The HSDS read API: the catalogue snapshot (the public projection of every current service, no
 * confidential address in it) mapped to HSDS once per snapshot, filtered and paged in memory,
 * so a page costs what a listing costs. Organisations are read per request (few, and they may
 * have no service yet).
 */
@Injectable()
export class HsdsService {
  private readonly catalogues = new WeakMap<CatalogueSnapshot, HsdsCatalogue>();

  constructor(
    private readonly cache: CatalogueSnapshotCache,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** The root document: the standard's version, this profile and the API's OpenAPI file. */
  root(baseUrl: string): HsdsRoot {
    return {
      version: HSDS_VERSION,
      profile: `${baseUrl}/hsds/profile`,
      openapi_url: `${baseUrl}/hsds/openapi.json`,
    };
  }

  /** The current catalogue, mapped (once per snapshot and vocabulary). */
  async catalogue(): Promise<HsdsCatalogue> {
    const [snapshot, tax, geo] = await Promise.all([
      this.cache.snapshot(),
      this.taxonomy.get(),
      this.geography.get(),
    ]);
    const known = this.catalogues.get(snapshot);
    if (known && known.ctx.taxonomy === tax && known.ctx.geography === geo) {
      return known;
    }
    const made = new HsdsCatalogue(new MappingContext(tax, geo), snapshot.allServices());
    this.catalogues.set(snapshot, made);
    return made;
  }

  /** The organisations by our id (one read per batch of ids). */
  private async organisationsOf(services: readonly Service[]): Promise<Map<string, Organisation>> {
    const ids = [...new Set(services.map((s) => s.organisationId))];
    const found = await this.organisations.loader(new LoaderRegistry()).loadMany(ids);
    return new Map(found.flatMap((o) => (o && !(o instanceof Error) ? [[o.id, o] as const] : [])));
  }

  private async fullDocuments(
    cat: HsdsCatalogue,
    services: Service[],
  ): Promise<HsdsServiceDocument[]> {
    const orgs = await this.organisationsOf(services);
    return services.map((s) => {
      const org = orgs.get(s.organisationId);
      const doc = cat.full(s);
      return org ? { ...doc, organization: organizationDocument(org) } : doc;
    });
  }

  async services(q: HsdsListQuery): Promise<HsdsList<ServiceItem>> {
    const cat = await this.catalogue();
    const items = cat.filter(q);
    if (q.minimal) {
      return listOf(items, (page) =>
        page.map((s) => {
          const f = cat.flat(s);
          return { id: f.id, name: f.name, status: f.status, last_modified: f.last_modified };
        }),
      );
    }
    if (q.full) {
      return listOf(items, (page) => this.fullDocuments(cat, page));
    }
    return listOf(items, (page) => page.map((s) => cat.flat(s)));
  }

  async service(id: string): Promise<HsdsServiceDocument | null> {
    const cat = await this.catalogue();
    const s = cat.byId(id);
    return s ? ((await this.fullDocuments(cat, [s]))[0] ?? null) : null;
  }

  /** Every organisation, by name then id (the standard's list has no other order). */
  private async allOrganisations(): Promise<Organisation[]> {
    const page = await this.organisations.list({ first: 1_000_000 });
    return page.edges.map((e) => e.node);
  }

  async organizations(q: HsdsListQuery): Promise<HsdsList<OrganizationDocument>> {
    const [cat, all] = await Promise.all([this.catalogue(), this.allOrganisations()]);
    const byTerms = q.taxonomyTermId !== null || q.taxonomyId !== null;
    const withTerms = byTerms
      ? new Set(
          cat.filter({ ...q, search: null, organizationId: null }).map((s) => s.organisationId),
        )
      : null;
    const items = all.filter(
      (o) =>
        (q.search === null ||
          `${o.name}\n${o.description ?? ''}`.toLowerCase().includes(q.search)) &&
        (withTerms === null || withTerms.has(o.id)),
    );
    const full = q.full || q.fullService;
    return listOf(items, (page) =>
      page.map((o) => this.organizationWithServices(cat, o, full, q.fullService)),
    );
  }

  private organizationWithServices(
    cat: HsdsCatalogue,
    o: Organisation,
    withServices: boolean,
    fullServices: boolean,
  ): OrganizationDocument {
    const doc = organizationDocument(o);
    if (!withServices) {
      return doc;
    }
    const services = cat.services.filter((s) => s.organisationId === o.id);
    return {
      ...doc,
      services: services.map((s) => (fullServices ? cat.full(s) : cat.flat(s))),
    };
  }

  async organization(id: string, fullService: boolean): Promise<OrganizationDocument | null> {
    const [cat, all] = await Promise.all([this.catalogue(), this.allOrganisations()]);
    const wanted = id.toLowerCase();
    const o = all.find((x) => entityId('organization', x.id) === wanted);
    return o ? this.organizationWithServices(cat, o, true, fullService) : null;
  }

  taxonomies(q: HsdsListQuery): HsdsList<HsdsTaxonomy> {
    const items = TAXONOMY_KEYS.map((k) => taxonomyDocument(k)).filter(
      (t) => q.search === null || `${t.name}\n${t.description}`.toLowerCase().includes(q.search),
    );
    return listOf(items, (page) => page);
  }

  taxonomyById(id: string): HsdsTaxonomy | null {
    const key = TAXONOMY_KEYS.find((k) => taxonomyId(k) === id.toLowerCase());
    return key ? taxonomyDocument(key) : null;
  }

  private async terms(): Promise<TermEntry[]> {
    return termEntries(await this.taxonomy.get());
  }

  async taxonomyTerms(q: HsdsListQuery): Promise<HsdsList<HsdsTaxonomyTerm>> {
    const items = (await this.terms()).filter(
      (t) =>
        (q.search === null ||
          `${t.code}\n${t.nameEn}\n${t.description}`.toLowerCase().includes(q.search)) &&
        (q.taxonomyId === null || taxonomyId(t.key) === q.taxonomyId) &&
        (!q.topOnly || t.parentCode === null) &&
        (q.parentId === null ||
          (t.parentCode !== null && termId(t.key, t.parentCode) === q.parentId)),
    );
    return listOf(items, (page) => page.map((t) => termDocument(t, q.full)));
  }

  async taxonomyTerm(id: string): Promise<HsdsTaxonomyTerm | null> {
    const wanted = id.toLowerCase();
    const entry = (await this.terms()).find((t) => termId(t.key, t.code) === wanted);
    return entry ? termDocument(entry, true) : null;
  }

  async serviceAtLocations(q: HsdsListQuery): Promise<HsdsList<HsdsServiceAtLocation>> {
    const cat = await this.catalogue();
    const items = cat.filter(
      q,
      cat.services.filter((s) => cat.hasLocation(s)),
    );
    return listOf(items, (page) =>
      page.flatMap((s) =>
        cat
          .serviceAtLocations(s)
          .map((sal) =>
            q.full
              ? { ...sal, service: cat.flat(s) }
              : { id: sal.id, service_id: sal.service_id, location_id: sal.location_id },
          ),
      ),
    );
  }

  async serviceAtLocation(
    id: string,
  ): Promise<(HsdsServiceAtLocation & { service: HsdsServiceFlat }) | null> {
    const cat = await this.catalogue();
    const wanted = id.toLowerCase();
    for (const s of cat.services) {
      if (cat.hasLocation(s)) {
        const sal = cat.serviceAtLocations(s).find((x) => x.id === wanted);
        if (sal) {
          return { ...sal, service: cat.flat(s) };
        }
      }
    }
    return null;
  }
}
