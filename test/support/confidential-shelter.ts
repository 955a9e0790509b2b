import { ok, TestApi } from './api';

/** What a suite says about its confidential shelter; the rest is the same in every suite. */
export interface ConfidentialShelter {
  organisationId: string;
  id: string;
  name: string;
  description: string;
  coverage: { national: boolean; regionCodes: string[]; municipalityCodes: string[] };
  address: { street: string; postalCode: string; city: string };
  professionalPhone: string;
  acceptsChildren?: boolean;
}

/**
 * Creates a women's shelter in Odense at a secret address, with a public line (1888) and a
 * professional intake line, through the API as `token` (an editor of its organisation): the
 * write path (searchText, outbox, audit) is the real one.
 */
export async function createConfidentialShelter(
  api: TestApi,
  token: string,
  shelter: ConfidentialShelter,
): Promise<void> {
  ok(
    await api.gql(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`,
      {
        input: {
          typeCode: 'womens-shelter',
          targetGroupCodes: ['women'],
          needCodes: ['emergency-stay', 'secret-address'],
          municipalityCode: '461',
          addressConfidential: true,
          phone: '1888',
          open24h: true,
          referralRoutes: ['SELF'],
          ...shelter,
        },
      },
      token,
    ),
  );
}
