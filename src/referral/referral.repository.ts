import { Injectable } from '@nestjs/common';
import { Service } from '../directory/models/service.model';
import { SERVICE_PROJECTION, ServiceRow, toService } from '../directory/service.repository';
import { Neo4jService } from '../neo4j/neo4j.service';

/**
 * The candidate set of a referral in one round trip: every current service that serves one of the
 * (already expanded) target groups and meets one of the (already expanded) needs, projected whole
 * so nested `service { ... }` fields need no further query. Starts from the target groups, found
 * through the unique index on their code; place, eligibility and ranking are decided in memory.
 */
export const FIND_CANDIDATES = `
MATCH (g:TargetGroup)<-[:SERVES]-(s:Service)
WHERE g.code IN $targetGroupCodes AND NOT coalesce(s.archived, false)
WITH DISTINCT s
WHERE EXISTS { (s)-[:MEETS]->(n:Need) WHERE n.code IN $needCodes }
RETURN ${SERVICE_PROJECTION} AS service
ORDER BY s.id`;

@Injectable()
export class ReferralRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** Current services serving any of the group codes and meeting any of the need codes. */
  async findCandidates(targetGroupCodes: string[], needCodes: string[]): Promise<Service[]> {
    const rows = await this.neo.read<{ service: ServiceRow }>(FIND_CANDIDATES, {
      targetGroupCodes,
      needCodes,
    });
    return rows.map((r) => toService(r.service));
  }
}
