import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requireAdmin } from '../accounts/access-policy';
import { diffStates } from '../audit/audit-diff';
import { AuditService } from '../audit/audit.service';
import { AuditAction } from '../audit/models/audit-entry.model';
import { decodeCursor, Page, PageArgs, toPage } from '../common/pagination';
import { byKeys, LoaderRegistry, Viewer } from '../common/request-context';
import { Neo4jService } from '../neo4j/neo4j.service';
import { CreateOrganisationInput } from './dto/organisation.input';
import { Organisation } from './models/organisation.model';
import { NewOrganisation, OrganisationRepository } from './organisation.repository';

/** The partner organisations: who they are, and (ADMIN) adding one. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly neo: Neo4jService,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditService,
  ) {}

  async list(page: PageArgs): Promise<Page<Organisation>> {
    const offset = decodeCursor(page.after);
    const { total, organisations } = await this.organisations.findPage(offset, page.first);
    return toPage(organisations, offset, total);
  }

  async get(id: string): Promise<Organisation | null> {
    const [org] = await this.organisations.findByIds([id]);
    return org ?? null;
  }

  /** Batched per request: one query for all organisations a response needs. */
  loader(loaders: LoaderRegistry) {
    return loaders.get<Organisation>('organisationById', async (ids) =>
      byKeys(ids, await this.organisations.findByIds(ids), (o) => o.id),
    );
  }

  /**
   * ADMIN only. Written and audited (who, when, which fields) in one transaction; an id in use
   * is CONFLICT, with nothing written.
   */
  async create(viewer: Viewer, input: CreateOrganisationInput): Promise<Organisation> {
    requireAdmin(viewer);
    const org: NewOrganisation = {
      id: input.id ?? randomUUID(),
      name: input.name.trim(),
      description: input.description?.trim() || null,
      website: input.website ?? null,
      demo: false,
    };
    return this.neo.writeTx(async (tx) => {
      await this.organisations.create(tx, [org]);
      const [created] = await this.organisations.findByIds([org.id], tx);
      await this.audit.recordOrganisationInTx(tx, {
        organisationId: org.id,
        action: AuditAction.CREATE,
        actor: viewer,
        changes: diffStates(null, {
          name: org.name,
          description: org.description,
          website: org.website,
        }),
      });
      return created;
    });
  }
}
