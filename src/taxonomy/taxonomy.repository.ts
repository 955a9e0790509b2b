import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';

export interface TaxonomyRow {
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  parentCode: string | null;
  /** Needs only: what usually comes next (FOLLOWED_BY, in order). */
  followUpCodes?: string[];
}

export interface TaxonomyRows {
  serviceTypes: TaxonomyRow[];
  targetGroups: TaxonomyRow[];
  needs: TaxonomyRow[];
}

const ALL_TAXONOMY = `
CALL {
  MATCH (t:ServiceType)
  RETURN collect(t {.code, .name, .nameEn, description: t.description, parentCode: null, followUpCodes: []}) AS serviceTypes
}
CALL {
  MATCH (g:TargetGroup)
  OPTIONAL MATCH (g)-[:NARROWER_THAN]->(p:TargetGroup)
  RETURN collect(g {.code, .name, .nameEn, description: null, parentCode: p.code, followUpCodes: []}) AS targetGroups
}
CALL {
  MATCH (n:Need)
  OPTIONAL MATCH (n)-[:NARROWER_THAN]->(p:Need)
  RETURN collect(n {.code, .name, .nameEn, description: null, parentCode: p.code,
    followUpCodes: COLLECT { MATCH (n)-[f:FOLLOWED_BY]->(x:Need) RETURN x.code ORDER BY f.order }}) AS needs
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
