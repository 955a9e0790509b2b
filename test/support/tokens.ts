import { issueToken } from '../../src/accounts/accounts.service';
import { ApiTokenRepository } from '../../src/accounts/api-token.repository';
import { clientDigest } from '../../src/accounts/auth-throttle';
import { Role } from '../../src/common/role';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { cypher } from '../../src/neo4j/cypher';

/** Creates a token straight through the repository (tests never use the CLI for this). */
export async function createToken(
  neo: Neo4jService,
  name: string,
  role: Role,
  organisationId: string | null = null,
): Promise<{ token: string; id: string }> {
  const issued = await issueToken(new ApiTokenRepository(neo), { name, role, organisationId });
  if (!issued) {
    throw new Error(`organisation ${organisationId ?? '-'} does not exist`);
  }
  return { token: issued.token, id: issued.apiToken.id };
}

export interface RoleTokens {
  admin: string;
  /** An EDITOR of organisation A, and one of B. */
  editorA: string;
  editorB: string;
  pro: string;
}

/**
 * One token of every role, named `${prefix} admin`, `${prefix} editor A`, … (so
 * deleteTokensAndOutbox(prefix) removes them): an ADMIN, an EDITOR of each organisation and a
 * PROFESSIONAL.
 */
export async function createRoleTokens(
  neo: Neo4jService,
  prefix: string,
  orgA: string,
  orgB: string,
): Promise<RoleTokens> {
  return {
    admin: (await createToken(neo, `${prefix} admin`, Role.ADMIN)).token,
    editorA: (await createToken(neo, `${prefix} editor A`, Role.EDITOR, orgA)).token,
    editorB: (await createToken(neo, `${prefix} editor B`, Role.EDITOR, orgB)).token,
    pro: (await createToken(neo, `${prefix} pro`, Role.PROFESSIONAL)).token,
  };
}

/** Deletes the tokens whose name starts with the prefix, and search outbox entries of its services. */
export async function deleteTokensAndOutbox(neo: Neo4jService, prefix: string): Promise<void> {
  await neo.write(cypher`MATCH (t:ApiToken) WHERE t.name STARTS WITH $prefix DETACH DELETE t`, {
    prefix,
  });
  await neo.write(cypher`MATCH (o:SearchOutbox) WHERE o.serviceId STARTS WITH $prefix DELETE o`, {
    prefix,
  });
}

/** Addresses a test client has when it connects over loopback without a trusted proxy. */
export const LOOPBACK_ADDRESSES = ['::ffff:127.0.0.1', '127.0.0.1', '::1'];

/**
 * Forgets the attempt-limit state (failures, locks, trusted tokens) of these client addresses:
 * each test file starts as a fresh process did when the limit lived in memory.
 */
export async function clearAttempts(
  neo: Neo4jService,
  addresses: string[] = LOOPBACK_ADDRESSES,
): Promise<void> {
  await neo.write(
    cypher`MATCH (n) WHERE (n:AuthAttempt OR n:AuthTrust) AND n.client IN $clients DETACH DELETE n`,
    { clients: addresses.map(clientDigest) },
  );
}
