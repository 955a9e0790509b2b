import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { managesOrganisation, requireAuthenticated } from '../accounts/access-policy';
import { clientDigest } from '../accounts/auth-throttle';
import { AppError, ErrorCode } from '../common/app-error';
import { Viewer } from '../common/request-context';
import { Role } from '../common/role';
import { FlagListingInput } from './dto/flag.input';
import { FlagsRepository } from './flags.repository';
import { FlagReceipt, FlagStatus, ListingFlag } from './models/listing-flag.model';

/** Flags one client address may send per window (across all API instances). */
export const FLAGS_PER_WINDOW = 10;
export const FLAG_WINDOW_MS = 60 * 60_000;
/** Expired counters are deleted at most this often (by each instance). */
const EXPIRE_EVERY_MS = 5 * 60_000;

const FLAG_NOT_YOURS = 'You may see and close only the flags on your own organisation’s listings.';

/**
 * "Something is wrong here": anyone may flag a current listing with a reason and a short note;
 * ADMIN and the listing's organisation read and close them. Nothing about a flag is logged (a
 * note is free text), and a flag holds no address, only the listing's id and name.
 */
@Injectable()
export class FlagsService {
  private readonly logger = new Logger('Flags');
  private nextExpiry = 0;

  constructor(
    private readonly flags: FlagsRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async flagListing(clientAddress: string, input: FlagListingInput): Promise<FlagReceipt> {
    this.expireNowAndThen();
    const limit = await this.flags.count(
      clientDigest(clientAddress),
      this.now(),
      FLAG_WINDOW_MS,
      FLAGS_PER_WINDOW,
    );
    if (!limit.allowed) {
      const minutes = Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `Too many flags from this address; try again in ${minutes} min.`,
        { reason: 'TOO_MANY_FLAGS', retryAfterSeconds: minutes * 60 },
      );
    }
    const note = input.note?.trim() ? input.note.trim() : null;
    const flag = await this.flags.create({
      id: randomUUID(),
      serviceId: input.serviceId,
      reason: input.reason,
      note,
    });
    if (!flag) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such service.', {
        argument: 'input.serviceId',
      });
    }
    return { id: flag.id, createdAt: flag.createdAt };
  }

  /** ADMIN: every organisation's; EDITOR: its own organisation's; one listing's if asked. */
  async listFlags(
    viewer: Viewer,
    status: FlagStatus,
    serviceId: string | null,
  ): Promise<ListingFlag[]> {
    requireAuthenticated(viewer);
    if (viewer.role !== Role.ADMIN && viewer.role !== Role.EDITOR) {
      throw new AppError(ErrorCode.FORBIDDEN, FLAG_NOT_YOURS);
    }
    if (serviceId !== null) {
      const owner = await this.flags.ownerOfService(serviceId);
      if (viewer.role === Role.ADMIN && owner === null) {
        throw new AppError(ErrorCode.NOT_FOUND, 'There is no such service.');
      }
      // "Not yours" and "no such listing" get the same answer for an EDITOR.
      if (!managesOrganisation(viewer, owner)) {
        throw new AppError(ErrorCode.FORBIDDEN, FLAG_NOT_YOURS);
      }
    }
    return this.flags.list({
      organisationId: viewer.role === Role.ADMIN ? null : viewer.organisationId,
      serviceId,
      status,
    });
  }

  async closeFlag(viewer: Viewer, id: string): Promise<ListingFlag> {
    requireAuthenticated(viewer);
    const flag = await this.flags.find(id);
    if (viewer.role === Role.ADMIN && !flag) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such flag.');
    }
    if (!flag || !managesOrganisation(viewer, flag.organisationId)) {
      throw new AppError(ErrorCode.FORBIDDEN, FLAG_NOT_YOURS);
    }
    const closed = await this.flags.close(id, viewer.tokenName);
    if (!closed) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such flag.');
    }
    return closed;
  }

  private expireNowAndThen(): void {
    const now = this.now();
    if (now < this.nextExpiry) {
      return;
    }
    this.nextExpiry = now + EXPIRE_EVERY_MS;
    this.flags.expireLimits(now).catch((error: unknown) => {
      this.logger.warn(
        `could not delete expired flag counters: ${error instanceof Error ? error.name : 'error'}`,
      );
    });
  }
}
