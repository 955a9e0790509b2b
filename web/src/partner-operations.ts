/*
 * The partner view's GraphQL operations (the public page's are in operations.ts). `npm run
 * web:codegen` checks them against schema.gql and writes their types to generated/graphql.ts.
 */

import { LISTING_FACTS } from './operations';

/** Everything the partner form shows and edits, by code, so it can send codes back. */
export const PARTNER_SERVICE = /* GraphQL */ `
  query PartnerService($id: ID!) {
    service(id: $id) {
      id
      name
      description
      version
      verifiedAt
      type {
        code
      }
      ...ListingFacts
      municipality {
        code
        name
      }
      targetGroups {
        code
      }
      needs {
        code
      }
      coverage {
        national
        regions {
          code
        }
        municipalities {
          code
        }
      }
      continuesTo {
        id
        name
      }
      ifFullTry {
        id
        name
      }
    }
  }
  ${LISTING_FACTS}
`;

/** A listing as the partner's list shows it: reporting places or confirming sends it back whole. */
const PARTNER_LISTING = /* GraphQL */ `
  fragment PartnerListing on Service {
    id
    name
    version
    verifiedAt
    updatedAt
    capacity {
      freePlaces
      totalPlaces
      reportedAt
    }
  }
`;

/** The partner's first screen: who is signed in and the organisation's listings. */
export const PARTNER_HOME = /* GraphQL */ `
  query PartnerHome {
    me {
      role
      tokenName
      organisation {
        id
        name
        services {
          ...PartnerListing
        }
      }
    }
  }
  ${PARTNER_LISTING}
`;

/** What needs the organisation's attention: listings due for confirmation and open flags. */
export const PARTNER_ATTENTION = /* GraphQL */ `
  query PartnerAttention {
    listingFreshness {
      windowDays
      unconfirmed {
        lastConfirmedAt
        neverConfirmed
        daysSinceConfirmed
        service {
          id
          name
        }
      }
    }
    listingFlags {
      id
      serviceId
      serviceName
      reason
      note
      createdAt
    }
  }
`;

export const PARTNER_UPDATE = /* GraphQL */ `
  mutation PartnerUpdate($id: ID!, $expectedVersion: Int!, $input: UpdateServiceInput!) {
    updateService(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

export const PARTNER_CREATE = /* GraphQL */ `
  mutation PartnerCreate($input: CreateServiceInput!) {
    createService(input: $input) {
      id
      version
    }
  }
`;

export const PARTNER_REPORT = /* GraphQL */ `
  mutation PartnerReport($id: ID!, $freePlaces: Int!, $totalPlaces: Int!) {
    reportAvailability(id: $id, freePlaces: $freePlaces, totalPlaces: $totalPlaces) {
      ...PartnerListing
    }
  }
  ${PARTNER_LISTING}
`;

export const PARTNER_CONFIRM = /* GraphQL */ `
  mutation PartnerConfirm($id: ID!, $expectedVersion: Int!) {
    confirmService(id: $id, expectedVersion: $expectedVersion) {
      ...PartnerListing
    }
  }
  ${PARTNER_LISTING}
`;

/**
 * The change log, with the listing's onward referrals as they are now: their names are public,
 * so the log names another organisation's service instead of calling it "another service".
 */
export const PARTNER_AUDIT = /* GraphQL */ `
  query PartnerAudit($id: ID!) {
    auditLog(id: $id, first: 50) {
      edges {
        node {
          id
          action
          at
          tokenName
          changes {
            field
            from
            to
          }
        }
      }
    }
    service(id: $id) {
      continuesTo {
        id
        name
      }
      ifFullTry {
        id
        name
      }
    }
  }
`;

/** Services to pick as onward referrals, by name. */
export const PICK_SERVICES = /* GraphQL */ `
  query PickServices($query: String!) {
    searchServices(query: $query, first: 8) {
      hits {
        service {
          id
          name
          municipality {
            name
          }
          organisation {
            name
          }
        }
      }
    }
  }
`;

export const CLOSE_FLAG = /* GraphQL */ `
  mutation CloseFlag($id: ID!) {
    closeListingFlag(id: $id) {
      id
      status
    }
  }
`;

export const FLAG_LISTING = /* GraphQL */ `
  mutation FlagListing($input: FlagListingInput!) {
    flagListing(input: $input) {
      id
    }
  }
`;

export const API_TOKENS = /* GraphQL */ `
  query ApiTokens {
    apiTokens {
      id
      name
      role
      createdAt
      expiresAt
      revokedAt
    }
  }
`;

export const CREATE_TOKEN = /* GraphQL */ `
  mutation CreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`;

export const REVOKE_TOKEN = /* GraphQL */ `
  mutation RevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`;
