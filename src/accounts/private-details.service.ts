import { Injectable } from '@nestjs/common';
import { byKeys, GqlContext } from '../common/request-context';
import { Role } from '../common/role';
import { canSeeConfidentialAddress, canSeeProfessionalContact } from './access-policy';
import { PrivateAddress, PrivateDetailsRepository } from './private-details.repository';

/**
 * The one place that reads what only some callers may see: the address of a confidential
 * shelter and the professional intake line. The access policy decides before anything is read;
 * every field that shows one of them (on a service, a search hit, a referral option) comes here.
 */
@Injectable()
export class PrivateDetailsService {
  constructor(private readonly details: PrivateDetailsRepository) {}

  /**
   * The confidential address of a service, for ADMIN and the owning organisation's EDITORs;
   * null for everyone else, decided before anything is read. Batched per request.
   */
  async confidentialAddress(
    service: { id: string; organisationId: string },
    ctx: GqlContext,
  ): Promise<PrivateAddress | null> {
    const viewer = ctx.viewer;
    if (!canSeeConfidentialAddress(viewer, service.organisationId)) {
      return null;
    }
    const scope = viewer.role === Role.ADMIN ? null : viewer.organisationId;
    const loader = ctx.loaders.get<PrivateAddress>('confidentialAddressById', async (ids) => {
      const rows = await this.details.findConfidentialAddresses(ids, scope);
      return byKeys(ids, rows, (r) => r.id).map((r) => r?.address ?? null);
    });
    return loader.load(service.id);
  }

  /** The professional-only phone, for PROFESSIONAL, ADMIN and the owners; null otherwise. */
  async professionalPhone(
    contact: { serviceId?: string; organisationId?: string },
    ctx: GqlContext,
  ): Promise<string | null> {
    if (
      !contact.serviceId ||
      !contact.organisationId ||
      !canSeeProfessionalContact(ctx.viewer, contact.organisationId)
    ) {
      return null;
    }
    const loader = ctx.loaders.get<string>('professionalPhoneById', async (ids) => {
      const rows = await this.details.findProfessionalPhones(ids);
      return byKeys(ids, rows, (r) => r.id).map((r) => r?.phone ?? null);
    });
    return loader.load(contact.serviceId);
  }
}
