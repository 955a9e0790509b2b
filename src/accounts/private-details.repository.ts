import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { cypher } from '../neo4j/cypher';

/** An address as stored (street, postal code, city): the shape of the schema's `Address`. */
export interface PrivateAddress {
  street: string;
  postalCode: string;
  city: string;
}

/**
 * The privileged reads: confidential addresses and professional-only contact details. Never
 * part of SERVICE_PROJECTION; called only by PrivateDetailsService after its role check.
 */
const FIND_CONFIDENTIAL_ADDRESSES = cypher`
UNWIND $ids AS id
MATCH (o:Organisation)-[:OPERATES]->(s:Service {id: id})
WHERE coalesce(s.addressConfidential, false) AND s.addressStreet IS NOT NULL
  AND ($organisationId IS NULL OR o.id = $organisationId)
RETURN s.id AS id, {street: s.addressStreet, postalCode: s.addressPostalCode, city: s.addressCity} AS address`;

const FIND_PROFESSIONAL_PHONES = cypher`
UNWIND $ids AS id
MATCH (s:Service {id: id})
WHERE s.professionalPhone IS NOT NULL
RETURN s.id AS id, s.professionalPhone AS phone`;

@Injectable()
export class PrivateDetailsRepository {
  constructor(private readonly neo: Neo4jService) {}

  /**
   * Confidential addresses by service id; with `organisationId`, only that organisation's
   * (a second fence behind the caller's role check).
   */
  async findConfidentialAddresses(
    ids: readonly string[],
    organisationId: string | null,
  ): Promise<{ id: string; address: PrivateAddress }[]> {
    return this.neo.read<{ id: string; address: PrivateAddress }>(FIND_CONFIDENTIAL_ADDRESSES, {
      ids: [...ids],
      organisationId,
    });
  }

  async findProfessionalPhones(ids: readonly string[]): Promise<{ id: string; phone: string }[]> {
    return this.neo.read<{ id: string; phone: string }>(FIND_PROFESSIONAL_PHONES, {
      ids: [...ids],
    });
  }
}
