/*
 * Every GraphQL operation the page sends. `npm run web:codegen` checks them against schema.gql
 * and writes their types to generated/graphql.ts (named after each operation).
 */

export const REFERENCE = /* GraphQL */ `
  query Reference {
    targetGroups {
      code
      name
      nameEn
      parent {
        code
      }
    }
    needs {
      code
      name
      nameEn
      parent {
        code
      }
    }
    serviceTypes {
      code
      name
      nameEn
    }
    regions {
      code
      name
      nameEn
    }
    municipalities {
      code
      name
      region {
        code
      }
    }
    organisations(first: 100) {
      edges {
        node {
          demo
        }
      }
    }
  }
`;

/** The referral answer for now and the plan of what follows, in one request. */
export const REFERRAL_PLAN = /* GraphQL */ `
  query ReferralPlan($input: ReferralInput!, $language: Language!) {
    referralPlan(input: $input, language: $language) {
      referral {
        ...ReferralFields
      }
      phases {
        phase
        steps {
          need {
            code
            name
            nameEn
          }
          reason
          options {
            ...OptionFields
            ifFull {
              ...OptionFields
            }
          }
          municipalService {
            kind
            text
            municipality {
              code
              name
            }
          }
        }
      }
    }
  }

  fragment ReferralFields on Referral {
    municipality {
      code
      name
    }
    guidance {
      code
      text
    }
    options {
      ...OptionFields
    }
    unmetNeeds {
      need {
        code
        name
        nameEn
      }
      nearest {
        ...OptionFields
      }
    }
  }

  fragment OptionFields on ReferralOption {
    rank
    availability
    coverage
    distanceKm
    reasons
    nextSteps
    service {
      id
      name
      demo
      type {
        code
        name
        nameEn
      }
      contact {
        phone
        professionalPhone
      }
      capacity {
        freePlaces
        totalPlaces
        reportedAt
      }
      municipality {
        name
      }
    }
  }
`;

export const SEARCH = /* GraphQL */ `
  query Search($query: String!, $filter: ServiceFilterInput, $first: Int!, $after: String) {
    searchServices(query: $query, filter: $filter, first: $first, after: $after) {
      totalHits
      pageInfo {
        hasNextPage
        endCursor
      }
      hits {
        availability
        service {
          id
          name
          demo
          contact {
            phone
          }
          capacity {
            freePlaces
            totalPlaces
            reportedAt
          }
          type {
            code
            name
            nameEn
          }
          municipality {
            name
          }
          organisation {
            name
          }
        }
      }
      facets {
        types {
          code
          name
          count
        }
        regions {
          code
          name
          count
        }
        targetGroups {
          code
          name
          count
        }
        needs {
          code
          name
          count
        }
        languages {
          code
          name
          count
        }
      }
    }
  }
`;

/**
 * What a listing tells about itself, as the detail view shows it and the partner form edits it
 * (partner-operations.ts): one field list, so the two cannot drift apart.
 */
export const LISTING_FACTS = /* GraphQL */ `
  fragment ListingFacts on Service {
    address {
      street
      postalCode
      city
    }
    addressConfidential
    contact {
      phone
      professionalPhone
      email
      website
    }
    openingHours
    open24h
    anonymous
    referralRoutes
    wheelchairAccessible
    languages
    eligibility {
      minAge
      maxAge
      acceptsChildren
      maxBoyAge
    }
    capacity {
      freePlaces
      totalPlaces
      reportedAt
    }
  }
`;

export const SERVICE_DETAIL = /* GraphQL */ `
  query ServiceDetail($id: ID!) {
    service(id: $id) {
      id
      name
      description
      demo
      version
      verifiedAt
      updatedAt
      type {
        code
        name
        nameEn
      }
      organisation {
        name
        website
      }
      ...ListingFacts
      selfReferral
      municipality {
        name
      }
      targetGroups {
        code
        name
        nameEn
      }
      needs {
        code
        name
        nameEn
      }
      coverage {
        national
        regions {
          name
          nameEn
        }
        municipalities {
          name
        }
      }
    }
  }
  ${LISTING_FACTS}
`;
