import { AppError, ErrorCode } from '../common/app-error';
import { PUBLIC_VIEWER, Viewer } from '../common/request-context';
import { Role } from '../common/role';
import {
  assertManagesListing,
  canSeeConfidentialAddress,
  canSeeProfessionalContact,
  NOT_YOURS_MESSAGE,
} from './access-policy';

const viewer = (role: Viewer['role'], organisationId: string | null = null): Viewer => ({
  role,
  tokenId: 't',
  tokenName: 'n',
  organisationId,
});
const admin = viewer(Role.ADMIN);
const editorA = viewer(Role.EDITOR, 'a');
const pro = viewer(Role.PROFESSIONAL);

function codeOf(fn: () => void): { code: string; message: string } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) {
      return { code: e.code, message: e.message };
    }
    throw e;
  }
}

describe('access policy', () => {
  it('lets ADMIN and the owning EDITOR manage a listing', () => {
    expect(codeOf(() => assertManagesListing(admin, 'b'))).toBeNull();
    expect(codeOf(() => assertManagesListing(editorA, 'a'))).toBeNull();
  });

  it('gives an EDITOR the same FORBIDDEN for another listing and for none', () => {
    const other = codeOf(() => assertManagesListing(editorA, 'b'));
    const none = codeOf(() => assertManagesListing(editorA, null));
    expect(other).toEqual({ code: ErrorCode.FORBIDDEN, message: NOT_YOURS_MESSAGE });
    expect(none).toEqual(other);
  });

  it('refuses the public and professionals', () => {
    expect(codeOf(() => assertManagesListing(PUBLIC_VIEWER, 'a'))?.code).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
    expect(codeOf(() => assertManagesListing(pro, 'a'))?.code).toBe(ErrorCode.FORBIDDEN);
    expect(codeOf(() => assertManagesListing(admin, null))?.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('shows confidential addresses to ADMIN and owners only', () => {
    expect(canSeeConfidentialAddress(admin, 'a')).toBe(true);
    expect(canSeeConfidentialAddress(editorA, 'a')).toBe(true);
    expect(canSeeConfidentialAddress(editorA, 'b')).toBe(false);
    expect(canSeeConfidentialAddress(pro, 'a')).toBe(false);
    expect(canSeeConfidentialAddress(PUBLIC_VIEWER, 'a')).toBe(false);
  });

  it('shows professional contacts to professionals, ADMIN and owners', () => {
    expect(canSeeProfessionalContact(pro, 'a')).toBe(true);
    expect(canSeeProfessionalContact(admin, 'a')).toBe(true);
    expect(canSeeProfessionalContact(editorA, 'a')).toBe(true);
    expect(canSeeProfessionalContact(editorA, 'b')).toBe(false);
    expect(canSeeProfessionalContact(PUBLIC_VIEWER, 'a')).toBe(false);
  });
});
