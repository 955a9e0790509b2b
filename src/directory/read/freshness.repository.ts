import { Injectable } from '@nestjs/common';
import { cypher } from '../../neo4j/cypher';
import { Neo4jService } from '../../neo4j/neo4j.service';
import { toDate } from '../../neo4j/neo4j-values';

/** The most listings one freshness answer holds (the oldest first). */
export const MAX_UNCONFIRMED = 500;

/**
 * Current listings (of one organisation, or all when $organisationId is null) whose last
 * confirmation, or creation when never confirmed, is before $cutoff, oldest first.
 */
const UNCONFIRMED = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service)
WHERE s.archived = false AND ($organisationId IS NULL OR o.id = $organisationId)
WITH s, coalesce(s.verifiedAt, s.createdAt) AS last
WHERE last IS NULL OR last < datetime($cutoff)
RETURN s.id AS id, last AS lastConfirmedAt, s.verifiedAt IS NULL AS neverConfirmed
ORDER BY last, s.id
LIMIT toInteger($limit)`;

export interface UnconfirmedRow {
  id: string;
  lastConfirmedAt: Date | null;
  neverConfirmed: boolean;
}

@Injectable()
export class FreshnessRepository {
  constructor(private readonly neo: Neo4jService) {}

  async unconfirmed(organisationId: string | null, cutoff: Date): Promise<UnconfirmedRow[]> {
    const rows = await this.neo.read<{
      id: string;
      lastConfirmedAt: unknown;
      neverConfirmed: boolean;
    }>(UNCONFIRMED, { organisationId, cutoff: cutoff.toISOString(), limit: MAX_UNCONFIRMED });
    return rows.map((row) => ({
      id: row.id,
      lastConfirmedAt: toDate(row.lastConfirmedAt),
      neverConfirmed: row.neverConfirmed,
    }));
  }
}
