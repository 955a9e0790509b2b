import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { Service } from '../catalogue/models/service.model';
import { RankingRow } from '../catalogue/service-row';
import { Geography } from '../geography/geography';
import { GeographyService } from '../geography/geography.service';
import { Taxonomy } from '../taxonomy/taxonomy';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ReferralInput } from './dto/referral.input';
import { Language } from './models/referral.model';
import { ReferralCandidates } from './candidates';
import { ReferralService } from './referral.service';
import { codeRow as row } from '../../test/support/reference-data';

const taxonomy = new Taxonomy({
  serviceTypes: [row('counselling')],
  targetGroups: [
    row('victims'),
    row('women', 'victims'),
    row('men', 'victims'),
    row('perpetrators'),
  ],
  needs: [
    row('counselling'),
    row('social-counselling', 'counselling'),
    row('perpetrator-treatment'),
  ],
});
const geography = new Geography(
  [
    { code: '1083', name: 'Region Syddanmark', nameEn: 'Region of Southern Denmark' },
    { code: '1081', name: 'Region Nordjylland', nameEn: 'North Denmark Region' },
  ],
  [
    {
      code: '461',
      name: 'Odense',
      regionCode: '1083',
      location: { latitude: 55.403, longitude: 10.402 },
    },
    {
      code: '851',
      name: 'Aalborg',
      regionCode: '1081',
      location: { latitude: 57.048, longitude: 9.919 },
    },
  ],
);

function setup() {
  const findInArea = jest.fn((): RankingRow[] => []);
  const findBeyondArea = jest.fn((): RankingRow[] => []);
  const services = jest.fn((): Service[] => []);
  const service = new ReferralService(
    {
      open: () => Promise.resolve({ findInArea, findBeyondArea, services }),
    } as unknown as ReferralCandidates,
    { get: () => Promise.resolve(taxonomy) } as unknown as TaxonomyService,
    { get: () => Promise.resolve(geography) } as unknown as GeographyService,
    { availabilityFreshHours: 24 } as AppConfig,
  );
  return { service, findInArea, findBeyondArea };
}

const input = (over: Partial<ReferralInput> = {}): ReferralInput =>
  Object.assign(
    new ReferralInput(),
    { targetGroupCodes: ['women'], needCodes: ['social-counselling'] },
    over,
  );

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('ReferralService', () => {
  it('lists every unknown group and need code in one error', async () => {
    const { service, findInArea } = setup();
    const err = await errorOf(
      service.refer(
        input({ targetGroupCodes: ['women', 'martians'], needCodes: ['flying', 'flying'] }),
        Language.DA,
      ),
    );
    // Positions in the lists as sent, never the codes themselves.
    expect(err.extensions).toEqual({
      argument: 'input',
      unknownTargetGroupPositions: [1],
      unknownNeedPositions: [0, 1],
    });
    expect(err.message).toBe(
      'Unknown target group code(s) in input.targetGroupCodes at position(s) 1; Unknown need code(s) in input.needCodes at position(s) 0, 1',
    );
    expect(findInArea).not.toHaveBeenCalled();
  });

  it.each([
    [{ municipalityCode: '461', near: { latitude: 55.4, longitude: 10.4 } }, 'input'],
    [{ near: { latitude: 48.85, longitude: 2.35 } }, 'input.near'],
    [{ municipalityCode: '999' }, 'input.municipalityCode'],
    [{ accompanyingChildren: [3], accompanyingBoys: [3, 3] }, 'input.accompanyingBoys'],
  ] as [Partial<ReferralInput>, string][])('rejects %j', async (over, argument) => {
    const { service } = setup();
    const err = await errorOf(service.refer(input(over), Language.DA));
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.extensions.argument).toBe(argument);
  });

  it('places a position in the nearest municipality and queries its area with expanded codes', async () => {
    const { service, findInArea, findBeyondArea } = setup();
    const r = await service.refer(input({ near: { latitude: 57.0, longitude: 9.9 } }), Language.DA);
    expect(r.municipality?.code).toBe('851');
    const area = { regionCode: '1081', municipalityCodes: ['851'] };
    expect(findInArea).toHaveBeenCalledTimes(1);
    expect(findInArea).toHaveBeenCalledWith(
      area,
      ['victims', 'women'],
      ['counselling', 'social-counselling'],
    );
    // nothing in the area meets the need: looked up beyond it, for that need only
    expect(findBeyondArea).toHaveBeenCalledTimes(1);
    expect(findBeyondArea).toHaveBeenCalledWith(
      area,
      ['victims', 'women'],
      ['counselling', 'social-counselling'],
    );
  });

  it('without a place asks only for national services and never beyond', async () => {
    const { service, findInArea, findBeyondArea } = setup();
    await service.refer(input(), Language.DA);
    expect(findInArea).toHaveBeenCalledWith(
      { regionCode: null, municipalityCodes: [] },
      ['victims', 'women'],
      ['counselling', 'social-counselling'],
    );
    expect(findBeyondArea).not.toHaveBeenCalled();
  });

  it('asks only for perpetrator groups when a perpetrator is referred', async () => {
    const { service, findInArea } = setup();
    await service.refer(
      input({
        targetGroupCodes: ['men', 'perpetrators'],
        needCodes: ['perpetrator-treatment'],
        municipalityCode: '461',
      }),
      Language.EN,
    );
    expect(findInArea).toHaveBeenCalledWith(
      { regionCode: '1083', municipalityCodes: ['461'] },
      ['perpetrators'],
      ['perpetrator-treatment'],
    );
  });
});

describe('privacy', () => {
  it('the referral code never logs (inputs describe a person’s situation)', () => {
    const dir = __dirname;
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'),
    );
    expect(sources.length).toBeGreaterThanOrEqual(8);
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect({ file, logs: /\bLogger\b|console\./.test(text) }).toEqual({ file, logs: false });
    }
  });
});
