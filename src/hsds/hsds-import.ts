import { Injectable } from '@nestjs/common';
import {
  ImportedListing,
  ImportOutcome,
  ListingImportService,
} from '../directory/write/listing-import.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { FileRecord } from './hsds-files';
import { entityId } from './hsds-ids';
import { listingFromService } from './hsds-records';
import { HsdsSchemas } from './hsds-schemas';
import { HsdsService } from './hsds.service';

export interface ImportOptions {
  organisationId: string;
  dryRun: boolean;
  /** Shelters' addresses stay public (by default an imported shelter's address is confidential). */
  publicAddresses: boolean;
}

/** An import refused: one line per problem, nothing written. */
export class HsdsImportRefused extends Error {
  constructor(
    readonly problems: string[],
    summary: string,
  ) {
    super(summary);
  }
}

const idOf = (doc: unknown): string | null => {
  const id = typeof doc === 'object' && doc !== null ? (doc as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
};

/**
 * An HSDS file into the directory: every record checked against the standard's schema first,
 * then mapped to our listing (terms to our codes, areas to our places), then written all at
 * once through the directory's import (ListingImportService), or nothing at all.
 */
@Injectable()
export class HsdsImporter {
  private schemas: HsdsSchemas | null = null;

  constructor(
    private readonly hsds: HsdsService,
    private readonly organisations: OrganisationsService,
    private readonly listings: ListingImportService,
  ) {}

  async import(records: readonly FileRecord[], options: ImportOptions): Promise<ImportOutcome> {
    if (!(await this.organisations.get(options.organisationId))) {
      throw new HsdsImportRefused([], `there is no organisation ${options.organisationId}`);
    }
    this.schemas ??= new HsdsSchemas();
    const label = (r: FileRecord): string => {
      const id = idOf(r.doc);
      return id ? `${r.where} (service ${id})` : r.where;
    };
    const invalid = records.flatMap((r) =>
      this.schemas!.errors('service.json', r.doc).map((e) => `${label(r)}: schema: ${e}`),
    );
    if (invalid.length > 0) {
      throw new HsdsImportRefused(invalid, 'the file does not follow the HSDS 3.1 schema');
    }
    const ours = entityId('organization', options.organisationId);
    const foreign = records.flatMap((r) => {
      const org = (r.doc as { organization_id?: unknown }).organization_id;
      return typeof org === 'string' && org.toLowerCase() !== ours
        ? [`${label(r)}: organization_id: ${org} is another organisation's (expected ${ours})`]
        : [];
    });
    if (foreign.length > 0) {
      throw new HsdsImportRefused(foreign, "the file holds another organisation's records");
    }
    const cat = await this.hsds.catalogue();
    const problems: string[] = [];
    const listings: ImportedListing[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      const mapped = listingFromService(cat.ctx, r.doc, options);
      problems.push(...mapped.problems.map((p) => `${label(r)}: ${p}`));
      const hsdsId = (idOf(r.doc) ?? '').toLowerCase();
      if (seen.has(hsdsId)) {
        problems.push(`${label(r)}: id: the same service twice in the file`);
      }
      seen.add(hsdsId);
      if (mapped.listing) {
        // a service we exported keeps its own id; any other takes the file's
        const id = cat.byId(hsdsId)?.id ?? hsdsId;
        listings.push({ ...mapped.listing, id, label: label(r) });
      }
    }
    if (problems.length > 0) {
      throw new HsdsImportRefused(problems, 'records that cannot be mapped');
    }
    return this.listings.importListings(options.organisationId, listings, options.dryRun);
  }
}
