import { readDemo, ServiceSeed } from '../seed/loader';
import { closeApi, errorOf, startApi, TestApi } from './support/api';
import { createListings, organisation, uniquePrefix } from './support/factory';
import { referralNetwork, referralOperation } from './support/referral-network';

/*
 * Cases as practitioners state them (a midwife, a doctor, a social worker): the person, the
 * place, what must come first and what must never be offered. On a copy of the demonstration
 * seed (every id prefixed, so the answers are filtered to this copy and the orderings are exact),
 * with every capacity reported just now.
 */
const P = uniquePrefix('expert');
const demo = readDemo();
const NOW = new Date().toISOString();
const SERVICES: ServiceSeed[] = demo.services.map((s) => ({
  ...s,
  id: `${P}-${s.id}`,
  organisationId: `${P}-${s.organisationId}`,
  capacity: s.capacity ? { ...s.capacity, reportedAt: NOW } : s.capacity,
}));

interface ServiceOut {
  id: string;
  name: string;
  type: { code: string };
}
interface OptionOut {
  rank: number;
  service: ServiceOut;
  availability: string;
  distanceKm: number | null;
  reasons: string[];
  ifFull: { service: ServiceOut }[];
}
interface ReferralOut {
  options: OptionOut[];
  byNeed: { need: { code: string }; options: OptionOut[] }[];
  unmetNeeds: { need: { code: string }; nearest: OptionOut | null }[];
  followUps: { need: { code: string }; options: OptionOut[] }[];
}

const OPTION = `rank service { id name type { code } } availability distanceKm reasons
  ifFull { service { id name type { code } } }`;
const REFERRAL = `query($input: ReferralInput!, $language: Language) {
  referral(input: $input, language: $language) {
    options { ${OPTION} }
    byNeed { need { code } options { ${OPTION} } }
    unmetNeeds { need { code } nearest { ${OPTION} } }
    followUps { need { code } options { ${OPTION} } }
  }
}`;

/*
 * A purpose-built corner of Fyn for keeping away: town hall to town hall, Odense–Kerteminde is
 * 16.9 km, Odense–Nyborg 26.5, Odense–Svendborg 40.3 (KEEP_AWAY_KM is 25 by default); from
 * Nordfyn: Odense 14.4, Kerteminde 26.3, Nyborg 40.0, Svendborg 53.9.
 */
const NET = `${P}-net`;
const net = referralNetwork(NET, `${NET}-org`);
const FYN: ServiceSeed[] = [
  net.kind.womensShelter('odense', 'Fyn Krisecenter Odense', '461'),
  net.kind.womensShelter('kerteminde', 'Fyn Krisecenter Kerteminde', '440'),
  net.kind.womensShelter('nyborg', 'Fyn Krisecenter Nyborg', '450'),
  net.kind.womensShelter('svendborg', 'Fyn Krisecenter Svendborg', '479'),
];

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    demo.organisations.map((o) => ({ ...o, id: `${P}-${o.id}` })),
    SERVICES,
  );
  await createListings(api.neo, [organisation(`${NET}-org`)], FYN);
}, 120_000);

afterAll(() => closeApi(api, P));

const operation = referralOperation<'referral', ReferralOut>(() => api, REFERRAL, 'referral');
/** At most 30 options: the whole answer stays within the query price at 30. */
const send = (input: Record<string, unknown>) => operation.send({ limit: 30, ...input });

/** The copy of the seed's own (the corner of Fyn aside). */
const ours = (o: OptionOut): boolean =>
  o.service.id.startsWith(`${P}-`) && !o.service.id.startsWith(`${NET}-`);

/** The answer (up to 30 options) filtered to this copy of the seed. */
async function refer(input: Record<string, unknown>): Promise<ReferralOut> {
  const r = await operation.answer({ limit: 30, ...input });
  const mine = (list: OptionOut[]): OptionOut[] => list.filter(ours);
  return {
    options: mine(r.options),
    byNeed: r.byNeed.map((b) => ({ ...b, options: mine(b.options) })),
    unmetNeeds: r.unmetNeeds.map((u) => ({
      ...u,
      nearest: u.nearest && ours(u.nearest) ? u.nearest : null,
    })),
    followUps: r.followUps.map((f) => ({ ...f, options: mine(f.options) })),
  };
}

const names = (list: OptionOut[]): string[] => list.map((o) => o.service.name);

/** Every service anywhere in the answer: options, per need, nearest, next steps, if full. */
function everyService(r: ReferralOut): ServiceOut[] {
  const lists = [
    r.options,
    ...r.byNeed.map((b) => b.options),
    ...r.unmetNeeds.flatMap((u) => (u.nearest ? [[u.nearest]] : [])),
    ...r.followUps.map((f) => f.options),
  ];
  return lists.flat().flatMap((o) => [o.service, ...o.ifFull.map((a) => a.service)]);
}

const PERPETRATOR_TYPES = ['perpetrator-programme', 'perpetrator-housing'];

describe('a pregnant woman of 28 in Odense with a 3-year-old, seen by a midwife', () => {
  const input = {
    targetGroupCodes: ['women', 'pregnant-women'],
    needCodes: ['emergency-stay', 'stay-with-children'],
    municipalityCode: '461',
    age: 28,
    accompanyingChildren: [3],
  };

  it('is never offered a service made for perpetrators, anywhere in the answer', async () => {
    const r = await refer(input);
    expect(r.options[0].service.name).toBe('Demo Krisecenter Odense');
    // family treatment comes next, but not from a service for perpetrators and their families
    const family = r.followUps.find((f) => f.need.code === 'family-treatment');
    expect(family && names(family.options)).toEqual([]);
    expect(everyService(r).filter((s) => PERPETRATOR_TYPES.includes(s.type.code))).toEqual([]);
  });

  it('asking for family treatment for her family, she gets a family service, not Dialog mod Vold', async () => {
    const r = await refer({
      ...input,
      targetGroupCodes: ['women', 'pregnant-women', 'families'],
      needCodes: ['family-treatment'],
    });
    expect(names(r.options)).toEqual(['Demo Familierådgivning Aabenraa']);
  });

  it('a man who uses violence, in Odense, is offered Dialog mod Vold first', async () => {
    const r = await refer({
      targetGroupCodes: ['perpetrators'],
      needCodes: ['perpetrator-treatment'],
      municipalityCode: '461',
    });
    expect(names(r.options)).toEqual(['Dialog mod Vold Odense']);
  });
});

describe('a woman of 29 whose girlfriend hits her, in Copenhagen, needs a place tonight', () => {
  it('gets women’s shelters and never a men’s shelter that also takes LGBT+ men', async () => {
    const r = await refer({
      targetGroupCodes: ['women', 'lgbt'],
      needCodes: ['emergency-stay'],
      municipalityCode: '101',
      age: 29,
    });
    expect(r.options[0].service.name).toBe('Demo Krisecenter København');
    expect(r.options.length).toBeGreaterThan(5);
    expect(r.options.filter((o) => o.service.type.code !== 'womens-shelter')).toEqual([]);
  });

  it('a gay man in the same place gets the men’s shelter and no women’s shelter', async () => {
    const r = await refer({
      targetGroupCodes: ['men', 'lgbt'],
      needCodes: ['emergency-stay'],
      municipalityCode: '101',
      age: 40,
    });
    expect(r.options[0].service.name).toBe('Demo Mandekrisecenter København');
    expect(r.options.filter((o) => o.service.type.code === 'womens-shelter')).toEqual([]);
  });
});

describe('a girl of 16 in Aarhus who needs counselling after her boyfriend’s violence', () => {
  it('gets the youth service before a rape centre', async () => {
    const r = await refer({
      targetGroupCodes: ['women', 'young-people'],
      needCodes: ['counselling'],
      municipalityCode: '751',
      age: 16,
    });
    const order = names(r.options);
    expect(order[0]).toBe('Demo Ungeforløb Midtjylland');
    expect(order.indexOf('Center for voldtægtsofre, Aarhus Universitetshospital')).toBeGreaterThan(
      order.indexOf('Demo Ungeforløb Midtjylland'),
    );
  });

  it('after a rape, the rape centre comes first, and psychological help after it too', async () => {
    const r = await refer({
      targetGroupCodes: ['women', 'young-people'],
      needCodes: ['acute-examination-after-rape'],
      municipalityCode: '751',
      age: 16,
    });
    expect(names(r.options)).toEqual(['Center for voldtægtsofre, Aarhus Universitetshospital']);
    const psych = r.followUps.find((f) => f.need.code === 'psychological-treatment');
    expect(psych && psych.options[0].service.name).toBe(
      'Center for voldtægtsofre, Aarhus Universitetshospital',
    );
  });
});

describe('a woman of 45 in Silkeborg whose husband controls her money and phone', () => {
  const input = {
    targetGroupCodes: ['women'],
    needCodes: ['counselling', 'digital-safety'],
    municipalityCode: '740',
    age: 45,
  };

  it('gets counselling made for it before shelters with free places, and no pregnancy team', async () => {
    const r = await refer(input);
    const counselling = r.byNeed.find((b) => b.need.code === 'counselling')!;
    const types = counselling.options.map((o) => o.service.type.code);
    const firstShelter = types.indexOf('womens-shelter');
    expect(firstShelter).toBeGreaterThan(0);
    expect(types.slice(0, firstShelter)).not.toContain('rape-centre');
    expect(
      types.slice(firstShelter).every((t) => ['womens-shelter', 'rape-centre'].includes(t)),
    ).toBe(true);
    expect(types[0]).toBe('intervention-centre');
    expect(everyService(r).filter((s) => s.type.code === 'pregnancy-team')).toEqual([]);
  });

  it('finds the stalking service for digital safety, though she was not given as a stalking victim', async () => {
    const r = await refer(input);
    const digital = r.byNeed.find((b) => b.need.code === 'digital-safety')!;
    expect(names(digital.options)).toEqual(['Demo Stalkingrådgivning', 'Dansk Stalking Center']);
    expect(r.unmetNeeds).toEqual([]);
    expect(digital.options[0].reasons[0]).toBe(
      'Hjælper alle voldsudsatte med dette, ikke kun sin egen målgruppe',
    );
  });

  it('a pregnant woman with the same worries is offered the pregnancy team', async () => {
    const r = await refer({ ...input, targetGroupCodes: ['women', 'pregnant-women'] });
    expect(names(r.options)).toContain('Demo Gravideteam Midt');
  });
});

describe('an honour-related emergency: a woman in Odense whose family lives in Odense', () => {
  const input = {
    targetGroupCodes: ['women', 'ethnic-minority-women'],
    needCodes: ['emergency-stay', 'secret-address'],
    municipalityCode: '461',
    age: 23,
    keepAwayFrom: ['461'],
  };

  it('first gets a shelter with a secret address far away; Odense’s own comes last, saying why', async () => {
    const r = await refer(input);
    const first = r.options[0];
    expect(first.service.type.code).toBe('womens-shelter');
    expect(first.service.name).not.toBe('Demo Krisecenter Odense');
    expect(first.distanceKm).toBeNull();
    const last = r.options[r.options.length - 1];
    expect(last.service.name).toBe('Demo Krisecenter Odense');
    expect(last.reasons).toContain(
      'Ligger i eller nær Odense, som personen skal holde sig væk fra',
    );
  });

  it('without a place to keep away from, Odense’s shelter is first', async () => {
    const r = await refer({ ...input, keepAwayFrom: undefined });
    expect(r.options[0].service.name).toBe('Demo Krisecenter Odense');
  });

  it('names an unknown municipality by its position, never its value', async () => {
    const res = await send({ ...input, keepAwayFrom: ['461', '9999'] });
    const error = errorOf(res);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.unknownPositions).toEqual([1]);
    expect(error.message).toBe(
      'Unknown municipality code(s) in input.keepAwayFrom at position(s) 1',
    );
  });

  it('takes at most five places to keep away from', async () => {
    const res = await send({ ...input, keepAwayFrom: ['101', '147', '151', '153', '155', '157'] });
    expect(errorOf(res).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a woman in Nordfyn whose stalker lives in Odense', () => {
  const input = {
    targetGroupCodes: ['women', 'stalking-victims'],
    needCodes: ['emergency-stay'],
    municipalityCode: '480',
    keepAwayFrom: ['461'],
  };
  const fyn = async (over: Record<string, unknown> = {}): Promise<OptionOut[]> =>
    (await operation.answer({ limit: 30, ...input, ...over })).options.filter(
      (o) => net.short(o.service.id) !== null,
    );

  it('is offered shelters in Odense and within 25 km of it only after all others', async () => {
    const options = await fyn();
    expect(names(options)).toEqual([
      'Fyn Krisecenter Nyborg',
      'Fyn Krisecenter Svendborg',
      'Fyn Krisecenter Odense',
      'Fyn Krisecenter Kerteminde',
    ]);
    expect(options[3].reasons).toContain(
      'Ligger i eller nær Odense, som personen skal holde sig væk fra',
    );
    expect(options[0].reasons.some((t) => t.includes('holde sig væk'))).toBe(false);
    expect(options.map((o) => o.distanceKm)).toEqual([null, null, null, null]);
  });

  it('without it, the nearest come first: Odense, 14 km away', async () => {
    expect(names(await fyn({ keepAwayFrom: [] }))).toEqual([
      'Fyn Krisecenter Odense',
      'Fyn Krisecenter Kerteminde',
      'Fyn Krisecenter Nyborg',
      'Fyn Krisecenter Svendborg',
    ]);
  });
});

describe('honest small print', () => {
  it('a woman who gave only "Kvinder" reads that the shelter takes women, nothing more', async () => {
    const r = await refer({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '751',
    });
    const aarhus = r.options.find((o) => o.service.name === 'Demo Krisecenter Aarhus')!;
    expect(aarhus.reasons[0]).toBe('Tager imod kvinder');
  });

  it('a shelter with a secret address shows its municipality, never a distance', async () => {
    const r = await refer({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      near: { latitude: 55.396, longitude: 10.388 },
    });
    const odense = r.options.find((o) => o.service.name === 'Demo Krisecenter Odense')!;
    expect(odense.distanceKm).toBeNull();
    expect(odense.reasons.some((t) => t.includes('km'))).toBe(false);
    const sydfyn = r.options.find((o) => o.service.name === 'Demo Krisecenter Sydfyn')!;
    expect(sydfyn.distanceKm).toBeNull();
    expect(sydfyn.reasons).toContain('Ligger i Svendborg');
  });

  it('a rape centre and a legal-aid office say nothing about places', async () => {
    const r = await refer({
      targetGroupCodes: ['men'],
      needCodes: ['acute-examination-after-rape', 'legal-advice'],
      municipalityCode: '851',
    });
    expect(r.options.map((o) => [o.service.name, o.availability])).toEqual([
      ['Demo Center for voldtægtsofre Nord', 'NO_PLACES'],
      ['Demo Retshjælp Nord', 'NO_PLACES'],
    ]);
  });

  it('a full shelter in her own town stays in a short answer, with where to try instead', async () => {
    // Demo Kvindehuset Herning reports no free places
    const r = await refer({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '657',
      limit: 3,
    });
    expect(r.options.map((o) => [o.service.name, o.availability])).toEqual([
      ['Demo Krisecenter Randers', 'AVAILABLE'],
      ['Demo Krisecenter Aarhus', 'AVAILABLE'],
      ['Demo Kvindehuset Herning', 'FULL'],
    ]);
    expect(r.options[2].ifFull.map((a) => a.service.name)).toEqual([
      'Demo Krisecenter Randers',
      'Demo Krisecenter Aarhus',
      'Demo Krisecenter Trekanten',
    ]);
  });

  it('a woman asking about her residence status reaches the legal service listed in Odense', async () => {
    const r = await refer({
      targetGroupCodes: ['women'],
      needCodes: ['residence-status'],
      municipalityCode: '461',
    });
    expect(r.options[0].service.name).toBe('Demo Retshjælp Syd');
  });

  it('a man after rape still gets a legal-advice next step', async () => {
    const r = await refer({
      targetGroupCodes: ['men'],
      needCodes: ['acute-examination-after-rape'],
      municipalityCode: '851',
    });
    const legal = r.followUps.find((f) => f.need.code === 'legal-advice');
    expect(legal && names(legal.options)).toEqual(['Demo Retshjælp Nord']);
  });
});

describe('a value out of its range is refused in its own words, whatever the selection', () => {
  it.each([51, 1000])('limit %d', async (limit) => {
    const res = await send({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay', 'legal-advice'],
      municipalityCode: '461',
      limit,
    });
    expect(errorOf(res).message).toBe('input.limit must not be greater than 50');
  });
});
