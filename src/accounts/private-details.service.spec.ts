import type { Request } from 'express';
import { GqlContext, LoaderRegistry, PUBLIC_VIEWER, Viewer } from '../common/request-context';
import { Role } from '../common/role';
import { PrivateAddress, PrivateDetailsRepository } from './private-details.repository';
import { PrivateDetailsService } from './private-details.service';

const viewer = (role: Viewer['role'], organisationId: string | null = null): Viewer => ({
  role,
  tokenId: 't',
  tokenName: 'n',
  organisationId,
});

const ADDRESS: PrivateAddress = { street: 'Hemmelig Vej 1', postalCode: '5000', city: 'Odense' };

/** Records every read the service asks for (no database: this is about who gets one at all). */
class RecordingRepository {
  readonly addressReads: { ids: readonly string[]; organisationId: string | null }[] = [];
  readonly phoneReads: (readonly string[])[] = [];

  findConfidentialAddresses(
    ids: readonly string[],
    organisationId: string | null,
  ): Promise<{ id: string; address: PrivateAddress }[]> {
    this.addressReads.push({ ids, organisationId });
    return Promise.resolve(ids.map((id) => ({ id, address: ADDRESS })));
  }

  findProfessionalPhones(ids: readonly string[]): Promise<{ id: string; phone: string }[]> {
    this.phoneReads.push(ids);
    return Promise.resolve(ids.map((id) => ({ id, phone: '+45 11 22 33 44' })));
  }
}

function setup(who: Viewer): {
  repo: RecordingRepository;
  details: PrivateDetailsService;
  ctx: GqlContext;
} {
  const repo = new RecordingRepository();
  const details = new PrivateDetailsService(repo as unknown as PrivateDetailsRepository);
  const ctx: GqlContext = { req: {} as Request, loaders: new LoaderRegistry(), viewer: who };
  return { repo, details, ctx };
}

const shelter = { id: 's1', organisationId: 'a' };
const contact = { serviceId: 's1', organisationId: 'a' };

describe('PrivateDetailsService', () => {
  it.each([
    ['the public', PUBLIC_VIEWER],
    ['a PROFESSIONAL', viewer(Role.PROFESSIONAL)],
    ['another organisation’s EDITOR', viewer(Role.EDITOR, 'b')],
  ])('gives %s no confidential address, without reading one', async (_who, who) => {
    const { repo, details, ctx } = setup(who);
    expect(await details.confidentialAddress(shelter, ctx)).toBeNull();
    expect(repo.addressReads).toEqual([]);
  });

  it('reads the owning EDITOR’s address fenced to its organisation, ADMIN’s unfenced', async () => {
    const editor = setup(viewer(Role.EDITOR, 'a'));
    expect(await editor.details.confidentialAddress(shelter, editor.ctx)).toEqual(ADDRESS);
    expect(editor.repo.addressReads).toEqual([{ ids: ['s1'], organisationId: 'a' }]);
    const admin = setup(viewer(Role.ADMIN));
    expect(await admin.details.confidentialAddress(shelter, admin.ctx)).toEqual(ADDRESS);
    expect(admin.repo.addressReads).toEqual([{ ids: ['s1'], organisationId: null }]);
  });

  it.each([
    ['the public', PUBLIC_VIEWER],
    ['another organisation’s EDITOR', viewer(Role.EDITOR, 'b')],
  ])('gives %s no professional line, without reading one', async (_who, who) => {
    const { repo, details, ctx } = setup(who);
    expect(await details.professionalPhone(contact, ctx)).toBeNull();
    expect(repo.phoneReads).toEqual([]);
  });

  it.each([
    ['a PROFESSIONAL', viewer(Role.PROFESSIONAL)],
    ['the owning EDITOR', viewer(Role.EDITOR, 'a')],
    ['ADMIN', viewer(Role.ADMIN)],
  ])('gives %s the professional line, batched per request', async (_who, who) => {
    const { repo, details, ctx } = setup(who);
    const [one, two] = await Promise.all([
      details.professionalPhone(contact, ctx),
      details.professionalPhone({ serviceId: 's2', organisationId: 'a' }, ctx),
    ]);
    expect([one, two]).toEqual(['+45 11 22 33 44', '+45 11 22 33 44']);
    expect(repo.phoneReads).toEqual([['s1', 's2']]);
  });

  it('reads nothing for a contact that names no service', async () => {
    const { repo, details, ctx } = setup(viewer(Role.ADMIN));
    expect(await details.professionalPhone({ organisationId: 'a' }, ctx)).toBeNull();
    expect(repo.phoneReads).toEqual([]);
  });
});
