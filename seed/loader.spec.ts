import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ReferralRoute } from '../src/catalogue/models/service.model';
import { CreateServiceInput } from '../src/directory/write/dto/service.input';
import { stateFromCreate } from '../src/directory/write/listing-state';
import { listingFromSeed, readDemo, ServiceSeed } from './loader';

/** A seed entry's create-input part: what the API would be sent for the same listing. */
function asCreateInput(s: ServiceSeed): CreateServiceInput {
  const input: Partial<ServiceSeed> = { ...s };
  delete input.demo;
  delete input.capacity;
  return plainToInstance(CreateServiceInput, input);
}

describe('seed listings: the create input plus id, demo and capacity', () => {
  const demo = readDemo();

  it('every demonstration listing is a valid create input, and becomes the state the API makes', () => {
    for (const s of demo.services) {
      const input = asCreateInput(s);
      const problems = validateSync(input, { whitelist: true, forbidNonWhitelisted: true }).map(
        (e) => `${s.id}: ${e.property}`,
      );
      expect(problems).toEqual([]);
      expect(listingFromSeed(s).state).toEqual(stateFromCreate(input));
    }
  });

  it('gives a left-out optional field the API’s default, and keeps places as reported', () => {
    const minimal: ServiceSeed = {
      id: 'demo-minimal',
      organisationId: 'demo-org',
      name: ' Minimal ',
      typeCode: 'counselling',
      targetGroupCodes: ['victims'],
      needCodes: ['social-counselling'],
      coverage: { national: true, regionCodes: [], municipalityCodes: [] },
      municipalityCode: '101',
      referralRoutes: [ReferralRoute.SELF],
      professionalPhone: '+45 70 20 30 40',
      demo: true,
      capacity: { freePlaces: 1, totalPlaces: 4 },
    };
    expect(listingFromSeed(minimal)).toEqual({
      id: 'demo-minimal',
      organisationId: 'demo-org',
      demo: true,
      capacity: { freePlaces: 1, totalPlaces: 4 },
      state: {
        name: 'Minimal',
        description: null,
        typeCode: 'counselling',
        targetGroupCodes: ['victims'],
        needCodes: ['social-counselling'],
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
        municipalityCode: '101',
        addressStreet: null,
        addressPostalCode: null,
        addressCity: null,
        addressConfidential: false,
        phone: null,
        professionalPhone: '+45 70 20 30 40',
        email: null,
        website: null,
        openingHours: null,
        open24h: false,
        minAge: null,
        maxAge: null,
        acceptsChildren: false,
        maxBoyAge: null,
        languages: [],
        wheelchairAccessible: null,
        anonymous: false,
        referralRoutes: ['SELF'],
        continuesToIds: [],
        ifFullTryIds: [],
      },
    });
    expect(listingFromSeed({ ...minimal, capacity: undefined }).capacity).toBeNull();
  });
});
