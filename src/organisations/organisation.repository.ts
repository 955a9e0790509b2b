import { Injectable } from '@nestjs/common';
import { Neo4jService, run, Tx } from '../neo4j/neo4j.service';
import { Organisation } from './models/organisation.model';
import { cypher } from '../neo4j/cypher';

/** An organisation to create: what the API and the seed both write. */
export interface NewOrganisation {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
  /** Demonstration data (the seed); false for every organisation created through the API. */
  demo: boolean;
}

const ORGANISATION_PROJECTION = cypher`o {.id, .name, description: o.description, website: o.website, demo: coalesce(o.demo, false)}`;

const FIND_PAGE = cypher`
MATCH (o:Organisation)
WITH o ORDER BY o.name, o.id
WITH collect(o) AS orgs
RETURN size(orgs) AS total, [o IN orgs[$skip..($skip + $limit)] | ${ORGANISATION_PROJECTION}] AS organisations`;

const FIND_BY_IDS = cypher`
UNWIND $ids AS id
MATCH (o:Organisation {id: id})
RETURN ${ORGANISATION_PROJECTION} AS organisation`;

/**
 * Creates organisations in one statement (UNWIND); an id that exists already fails on the
 * unique constraint (CONFLICT), so the seed leaves out the ids it finds first.
 */
const CREATE = cypher`
UNWIND $rows AS row
CREATE (o:Organisation {id: row.id})
SET o.name = row.name, o.description = row.description, o.website = row.website,
  o.demo = row.demo, o.createdAt = datetime(), o.updatedAt = datetime(), o.version = 1
RETURN o.id AS id`;

/** Reads and writes organisations; a write runs inside the caller's transaction (with its audit). */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly neo: Neo4jService) {
    // A listing's organisation is read by id on most pages: planned before requests come.
    neo.keepWarm(FIND_BY_IDS, { ids: [] });
  }

  /** One page of organisations by name then id, with the total. */
  async findPage(
    skip: number,
    limit: number,
  ): Promise<{ total: number; organisations: Organisation[] }> {
    const [row] = await this.neo.read<{ total: number; organisations: Organisation[] }>(FIND_PAGE, {
      skip,
      limit,
    });
    return { total: row?.total ?? 0, organisations: row?.organisations ?? [] };
  }

  /** The organisations among `ids` that exist; inside `tx` when given (it sees its writes). */
  async findByIds(ids: readonly string[], tx?: Tx): Promise<Organisation[]> {
    const params = { ids: [...ids] };
    const rows = tx
      ? await run<{ organisation: Organisation }>(tx, FIND_BY_IDS, params)
      : await this.neo.read<{ organisation: Organisation }>(FIND_BY_IDS, params);
    return rows.map((r) => r.organisation);
  }

  /**
   * Creates the organisations in one statement and returns their ids. The API creates one
   * (audited, in its transaction); the seed and the test factories create them in batches.
   */
  async create(tx: Tx, organisations: readonly NewOrganisation[]): Promise<string[]> {
    if (organisations.length === 0) {
      return [];
    }
    const rows = await run<{ id: string }>(tx, CREATE, {
      rows: organisations.map((o) => ({
        id: o.id,
        name: o.name,
        description: o.description,
        website: o.website,
        demo: o.demo,
      })),
    });
    return rows.map((r) => r.id);
  }
}
