import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { cypher } from '../neo4j/cypher';

export interface TaxonomyRow {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  parentCode: string | null;
  /** Service types and needs: DETECTION, SUPPORT or AFTERCARE (null on data seeded before phases). */
  phase?: string | null;
  /** Needs only: what usually comes next (FOLLOWED_BY, in order), with its condition. */
  followUps?: { code: string; when: string | null }[];
}

export interface TaxonomyRows {
  serviceTypes: TaxonomyRow[];
  targetGroups: TaxonomyRow[];
  needs: TaxonomyRow[];
}

const ALL_TAXONOMY = cypher`
CALL {
  MATCH (t:ServiceType)
  RETURN collect(t {.code, .name, .nameEn, .phase, description: t.description, parentCode: null}) AS serviceTypes
}
CALL {
  MATCH (g:TargetGroup)
  OPTIONAL MATCH (g)-[:NARROWER_THAN]->(p:TargetGroup)
  RETURN collect(g {.code, .name, .nameEn, description: null, parentCode: p.code}) AS targetGroups
}
CALL {
  MATCH (n:Need)
  OPTIONAL MATCH (n)-[:NARROWER_THAN]->(p:Need)
  RETURN collect(n {.code, .name, .nameEn, .phase, description: null, parentCode: p.code,
    followUps: COLLECT { MATCH (n)-[f:FOLLOWED_BY]->(x:Need)
      RETURN {code: x.code, when: f.when} AS next ORDER BY f.order }}) AS needs
}
RETURN serviceTypes, targetGroups, needs`;

@Injectable()
export class TaxonomyRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** The whole taxonomy (a few dozen nodes) in one read. */
  async findAll(): Promise<TaxonomyRows> {
    const [row] = await this.neo.read<TaxonomyRows>(ALL_TAXONOMY);
    return row ?? { serviceTypes: [], targetGroups: [], needs: [] };
  }
}
