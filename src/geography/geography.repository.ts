import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { toLatLon } from '../neo4j/neo4j-values';
import { Municipality, Region } from './models/geography.models';
import { cypher } from '../neo4j/cypher';

const ALL_GEOGRAPHY = cypher`
CALL {
  MATCH (r:Region)
  RETURN collect(r {.code, .name, .nameEn}) AS regions
}
CALL {
  MATCH (m:Municipality)-[:IN_REGION]->(r:Region)
  RETURN collect(m {.code, .name, regionCode: r.code, location: m.location}) AS municipalities
}
RETURN regions, municipalities`;

interface Row {
  regions: Region[];
  municipalities: (Omit<Municipality, 'location'> & { location: unknown })[];
}

@Injectable()
export class GeographyRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** All regions and municipalities (about a hundred nodes) in one read. */
  async findAll(): Promise<{ regions: Region[]; municipalities: Municipality[] }> {
    const [row] = await this.neo.read<Row>(ALL_GEOGRAPHY);
    if (!row) {
      return { regions: [], municipalities: [] };
    }
    return {
      regions: row.regions,
      municipalities: row.municipalities.map((m) => ({
        ...m,
        location: toLatLon(m.location) ?? { latitude: 0, longitude: 0 },
      })),
    };
  }
}
