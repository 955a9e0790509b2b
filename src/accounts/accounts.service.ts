import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../common/app-error';
import { PUBLIC_VIEWER, Viewer } from '../common/request-context';
import { managesOrganisation, requireAuthenticated } from './access-policy';
import { ApiTokenRepository, StoredToken } from './api-token.repository';
import { AuthThrottle } from './auth-throttle';
import { CreateApiTokenInput } from './dto/api-token.input';
import { ApiToken, CreatedApiToken } from './models/api-token.model';
import { Role } from '../common/role';
import { generateToken, hashToken, looksLikeToken, readBearer, sameHash } from './token';

const INVALID_TOKEN = 'The API token is not valid (unknown, malformed or revoked).';
const TOKEN_NOT_YOURS = 'You are not allowed to manage this token.';

/** Creates a token and returns it once, with what was stored (its hash, never the token). */
export async function issueToken(
  repo: ApiTokenRepository,
  input: { name: string; role: Role; organisationId: string | null; expiresAt?: Date | null },
): Promise<{ token: string; apiToken: StoredToken } | null> {
  const token = generateToken();
  const stored = await repo.create({
    id: randomUUID(),
    name: input.name.trim(),
    role: input.role,
    organisationId: input.organisationId,
    hash: hashToken(token),
    expiresAt: input.expiresAt ?? null,
  });
  return stored ? { token, apiToken: stored } : null;
}

function publicView(token: StoredToken): ApiToken {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    organisationId: token.organisationId,
    createdAt: token.createdAt,
    revokedAt: token.revokedAt,
    expiresAt: token.expiresAt,
  };
}

/** The latest expiry a token may be given. */
const MAX_TOKEN_LIFETIME_MS = 5 * 366 * 24 * 3_600_000;

@Injectable()
export class AccountsService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly throttle: AuthThrottle,
  ) {}

  /**
   * Who is calling, from `Authorization: Bearer <token>`: PUBLIC without the header; an unknown,
   * malformed or revoked token is UNAUTHENTICATED (on queries too, so a client notices a revoked
   * token at once). The token is looked up by its hash on every request, so a revocation applies
   * to the very next request. Attempts are counted per client address (see AuthThrottle).
   */
  async authenticate(req: Request): Promise<Viewer> {
    const bearer = readBearer(req.headers.authorization);
    if (bearer.kind === 'none') {
      return PUBLIC_VIEWER;
    }
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const presented = bearer.kind === 'token' ? bearer.token : '';
    const decision = await this.throttle.attempt(client, presented);
    if (decision.kind === 'refused') {
      throw this.tooManyAttempts(decision.retryAfterMs);
    }
    const stored = looksLikeToken(presented) ? await this.verified(presented) : null;
    await decision.settle(stored !== null);
    if (!stored) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, INVALID_TOKEN);
    }
    return {
      role: stored.role,
      tokenId: stored.id,
      tokenName: stored.name,
      organisationId: stored.role === Role.EDITOR ? stored.organisationId : null,
    };
  }

  private async verified(token: string): Promise<StoredToken | null> {
    const hash = hashToken(token);
    const stored = await this.tokens.findByHash(hash);
    if (!stored || !sameHash(stored.hash, hash) || stored.revokedAt !== null) {
      return null;
    }
    if (stored.expiresAt && stored.expiresAt.getTime() <= Date.now()) {
      return null;
    }
    // An EDITOR token whose organisation is gone grants nothing.
    if (stored.role === Role.EDITOR && stored.organisationId === null) {
      return null;
    }
    return stored;
  }

  private tooManyAttempts(waitMs: number): AppError {
    const seconds = Math.ceil(waitMs / 1000);
    return new AppError(
      ErrorCode.UNAUTHENTICATED,
      `Too many failed authentication attempts; try again in ${seconds} s.`,
      { reason: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: seconds },
    );
  }

  /**
   * ADMIN creates any token; an EDITOR only EDITOR tokens for its own organisation. EDITOR
   * tokens need an existing organisation, the other roles none.
   */
  async createToken(viewer: Viewer, input: CreateApiTokenInput): Promise<CreatedApiToken> {
    requireAuthenticated(viewer);
    const organisationId = input.organisationId ?? null;
    if (viewer.role !== Role.ADMIN) {
      if (
        viewer.role !== Role.EDITOR ||
        input.role !== Role.EDITOR ||
        !managesOrganisation(viewer, organisationId)
      ) {
        throw new AppError(ErrorCode.FORBIDDEN, TOKEN_NOT_YOURS);
      }
    }
    if (input.role === Role.EDITOR && organisationId === null) {
      throw AppError.badInput('An EDITOR token needs input.organisationId.', {
        argument: 'input.organisationId',
      });
    }
    if (input.role !== Role.EDITOR && organisationId !== null) {
      throw AppError.badInput(`A ${input.role} token is not bound to an organisation.`, {
        argument: 'input.organisationId',
      });
    }
    const expiresAt = input.expiresAt ?? null;
    if (
      expiresAt &&
      (expiresAt.getTime() <= Date.now() ||
        expiresAt.getTime() > Date.now() + MAX_TOKEN_LIFETIME_MS)
    ) {
      throw AppError.badInput('expiresAt must be in the future and at most 5 years ahead.', {
        argument: 'input.expiresAt',
      });
    }
    const issued = await issueToken(this.tokens, {
      name: input.name,
      role: input.role,
      organisationId,
      expiresAt,
    });
    if (!issued) {
      throw AppError.badInput('There is no organisation with this id.', {
        argument: 'input.organisationId',
      });
    }
    return { token: issued.token, apiToken: publicView(issued.apiToken) };
  }

  /** ADMIN: any organisation's tokens (or all); an EDITOR only its own organisation's. */
  async listTokens(viewer: Viewer, organisationId: string | null): Promise<ApiToken[]> {
    requireAuthenticated(viewer);
    let scope = organisationId;
    if (viewer.role !== Role.ADMIN) {
      if (
        viewer.role !== Role.EDITOR ||
        (organisationId !== null && organisationId !== viewer.organisationId)
      ) {
        throw new AppError(ErrorCode.FORBIDDEN, TOKEN_NOT_YOURS);
      }
      scope = viewer.organisationId;
    }
    return (await this.tokens.list(scope)).map(publicView);
  }

  /** ADMIN revokes any token; an EDITOR only its own organisation's (same answer otherwise). */
  async revokeToken(viewer: Viewer, id: string): Promise<ApiToken> {
    requireAuthenticated(viewer);
    const existing = await this.tokens.findById(id);
    if (viewer.role !== Role.ADMIN) {
      if (!existing || !managesOrganisation(viewer, existing.organisationId)) {
        throw new AppError(ErrorCode.FORBIDDEN, TOKEN_NOT_YOURS);
      }
    } else if (!existing) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such token.');
    }
    const revoked = await this.tokens.revoke(id);
    if (!revoked) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such token.');
    }
    return publicView(revoked);
  }
}
