import { AppError, ErrorCode } from '../common/app-error';
import { Viewer } from '../common/request-context';
import { Role } from '../common/role';

/**
 * Who may do what with an organisation's listings. Pure functions, so every feature (directory,
 * audit, accounts) applies the same rules and they are unit-tested without a database.
 */

/** One message for "not yours" and "does not exist", so an editor learns nothing about others. */
export const NOT_YOURS_MESSAGE = 'You are not allowed to do this with this listing.';

export function requireAuthenticated(viewer: Viewer): void {
  if (viewer.role === null) {
    throw new AppError(ErrorCode.UNAUTHENTICATED);
  }
}

export function requireAdmin(viewer: Viewer): void {
  requireAuthenticated(viewer);
  if (viewer.role !== Role.ADMIN) {
    throw new AppError(ErrorCode.FORBIDDEN);
  }
}

/** ADMIN, or an EDITOR bound to exactly this organisation. */
export function managesOrganisation(viewer: Viewer, organisationId: string | null): boolean {
  if (organisationId === null) {
    return false;
  }
  return (
    viewer.role === Role.ADMIN ||
    (viewer.role === Role.EDITOR && viewer.organisationId === organisationId)
  );
}

/**
 * For edits and the audit of one listing, given its owner (null when there is no such listing):
 * the public is UNAUTHENTICATED; an ADMIN gets NOT_FOUND for a missing listing; everyone else who
 * does not own it gets the same FORBIDDEN whether or not it exists.
 */
export function assertManagesListing(
  viewer: Viewer,
  ownerOrganisationId: string | null,
  notFoundMessage = 'There is no such service.',
): void {
  requireAuthenticated(viewer);
  if (viewer.role === Role.ADMIN) {
    if (ownerOrganisationId === null) {
      throw new AppError(ErrorCode.NOT_FOUND, notFoundMessage);
    }
    return;
  }
  if (!managesOrganisation(viewer, ownerOrganisationId)) {
    throw new AppError(ErrorCode.FORBIDDEN, NOT_YOURS_MESSAGE);
  }
}

/** A confidential address: ADMIN and the owning organisation's EDITORs only. */
export function canSeeConfidentialAddress(viewer: Viewer, ownerOrganisationId: string): boolean {
  return managesOrganisation(viewer, ownerOrganisationId);
}

/** Professional-only contact details (a direct intake line): professionals and the owners. */
export function canSeeProfessionalContact(viewer: Viewer, ownerOrganisationId: string): boolean {
  return viewer.role === Role.PROFESSIONAL || managesOrganisation(viewer, ownerOrganisationId);
}
