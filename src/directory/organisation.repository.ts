import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { Organisation } from './models/organisation.model';
import { cypher } from '../neo4j/cypher';

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

@Injectable()
export class OrganisationRepository {
  constructor(private readonly neo: Neo4jService) {}

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

  async findByIds(ids: readonly string[]): Promise<Organisation[]> {
    const rows = await this.neo.read<{ organisation: Organisation }>(FIND_BY_IDS, {
      ids: [...ids],
    });
    return rows.map((r) => r.organisation);
  }
}
