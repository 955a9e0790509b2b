import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/app-error';
import { Viewer } from '../../common/request-context';
import { Role } from '../../common/role';
import { requireAuthenticated } from '../../accounts/access-policy';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FreshnessRepository } from './freshness.repository';
import { ListingFreshness } from './models/listing-freshness.model';

const DAY_MS = 24 * 3_600_000;

/**
 * The freshness loop: which current listings have gone longer than LISTING_CONFIRM_DAYS without
 * their organisation confirming them. ADMIN sees any organisation's (or all); an EDITOR only
 * its own, so an organisation learns nothing about another's listings.
 */
@Injectable()
export class FreshnessService {
  constructor(
    private readonly repository: FreshnessRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listingFreshness(
    viewer: Viewer,
    organisationId: string | null,
    now = new Date(),
  ): Promise<ListingFreshness> {
    requireAuthenticated(viewer);
    let scope: string | null;
    if (viewer.role === Role.ADMIN) {
      scope = organisationId;
    } else if (
      viewer.role === Role.EDITOR &&
      (organisationId === null || organisationId === viewer.organisationId)
    ) {
      scope = viewer.organisationId;
    } else {
      throw new AppError(ErrorCode.FORBIDDEN, 'You may see only your own organisation’s listings.');
    }
    const windowDays = this.config.listingConfirmDays;
    const cutoff = new Date(now.getTime() - windowDays * DAY_MS);
    const rows = await this.repository.unconfirmed(scope, cutoff);
    return {
      windowDays,
      unconfirmed: rows.map((row) => ({
        serviceId: row.id,
        lastConfirmedAt: row.lastConfirmedAt,
        neverConfirmed: row.neverConfirmed,
        daysSinceConfirmed: row.lastConfirmedAt
          ? Math.floor((now.getTime() - row.lastConfirmedAt.getTime()) / DAY_MS)
          : null,
      })),
    };
  }
}
