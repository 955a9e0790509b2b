import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { toDate } from '../neo4j/neo4j-values';
import { ApiToken } from './models/api-token.model';
import { Role } from '../common/role';
import { cypher } from '../neo4j/cypher';

/** A token as the authentication check needs it (with its hash, never the token). */
export interface StoredToken extends ApiToken {
  hash: string;
}

export interface NewToken {
  id: string;
  name: string;
  role: Role;
  organisationId: string | null;
  hash: string;
  /** After this the token grants nothing (null: until revoked). */
  expiresAt?: Date | null;
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  hash: string;
  organisationId: string | null;
  createdAt: unknown;
  revokedAt: unknown;
  expiresAt: unknown;
}

const TOKEN_PROJECTION = cypher`t {.id, .name, .role, .hash, .createdAt, .revokedAt, .expiresAt,
  organisationId: head([(t)-[:FOR_ORGANISATION]->(o:Organisation) | o.id])}`;

/** An EDITOR token is created only if its organisation exists (no row otherwise). */
const CREATE = cypher`
OPTIONAL MATCH (o:Organisation {id: $organisationId})
WITH o WHERE $organisationId IS NULL OR o IS NOT NULL
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime(),
  expiresAt: CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (t)-[:FOR_ORGANISATION]->(o))
RETURN ${TOKEN_PROJECTION} AS token`;

const FIND_BY_HASH = cypher`
MATCH (t:ApiToken {hash: $hash})
RETURN ${TOKEN_PROJECTION} AS token`;

const FIND_BY_ID = cypher`
MATCH (t:ApiToken {id: $id})
RETURN ${TOKEN_PROJECTION} AS token`;

/** An organisation's tokens (every token when $organisationId is null), newest first. */
const LIST = cypher`
MATCH (t:ApiToken)
WHERE $organisationId IS NULL OR (t)-[:FOR_ORGANISATION]->(:Organisation {id: $organisationId})
RETURN ${TOKEN_PROJECTION} AS token
ORDER BY t.createdAt DESC, t.id
LIMIT 500`;

/** Idempotent: a revoked token keeps its first revocation time. */
const REVOKE = cypher`
MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, datetime())
RETURN ${TOKEN_PROJECTION} AS token`;

const ROLES = new Set<string>(Object.values(Role));

function toToken(row: TokenRow): StoredToken {
  if (!ROLES.has(row.role)) {
    throw new TypeError('stored token has an unknown role');
  }
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    hash: row.hash,
    organisationId: row.organisationId,
    createdAt: toDate(row.createdAt) ?? new Date(0),
    revokedAt: toDate(row.revokedAt),
    expiresAt: toDate(row.expiresAt),
  };
}

@Injectable()
export class ApiTokenRepository {
  constructor(private readonly neo: Neo4jService) {
    // Every request with a token looks it up: planned before requests come (Neo4jService.keepWarm).
    neo.keepWarm(FIND_BY_HASH, { hash: '' });
  }

  /** Stores a token by its hash; null when the EDITOR's organisation does not exist. */
  async create(token: NewToken): Promise<StoredToken | null> {
    const [row] = await this.neo.write<{ token: TokenRow }>(CREATE, {
      ...token,
      expiresAt: token.expiresAt ? token.expiresAt.toISOString() : null,
    });
    return row ? toToken(row.token) : null;
  }

  /**
   * The token with this hash (revoked or not), read fresh on every request: no caching, and from
   * the cluster leader, so a revocation through any API instance holds at once on every one.
   */
  async findByHash(hash: string): Promise<StoredToken | null> {
    const [row] = await this.neo.readLatest<{ token: TokenRow }>(FIND_BY_HASH, { hash });
    return row ? toToken(row.token) : null;
  }

  async findById(id: string): Promise<StoredToken | null> {
    const [row] = await this.neo.read<{ token: TokenRow }>(FIND_BY_ID, { id });
    return row ? toToken(row.token) : null;
  }

  async list(organisationId: string | null): Promise<StoredToken[]> {
    const rows = await this.neo.read<{ token: TokenRow }>(LIST, { organisationId });
    return rows.map((row) => toToken(row.token));
  }

  async revoke(id: string): Promise<StoredToken | null> {
    const [row] = await this.neo.write<{ token: TokenRow }>(REVOKE, { id });
    return row ? toToken(row.token) : null;
  }
}
