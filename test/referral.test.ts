import { createListings, organisation, uniquePrefix } from './support/factory';
import {
  KindBuilder,
  national,
  onlyMunicipality,
  referralNetwork,
  referralOperation,
  region,
} from './support/referral-network';
import { closeApi, errorOf, ok, startApi, TestApi } from './support/api';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { ServiceSeed } from '../seed/loader';
import { cypher } from '../src/neo4j/cypher';

/*
 * A small purpose-built graph (not the demonstration seed). Every service id is `${P}-<key>`;
 * results are filtered to this file's services, so the orderings below are exact.
 *
 * Distances between municipality town halls used below: Odense–Nyborg 26.5 km, Odense–Svendborg
 * 40.3, Odense–Vejle 64.2, Odense–Aarhus 84.7, Odense–København 139.6, Aalborg–Aarhus 100.7,
 * Aalborg–Odense 185.3.
 */
const P = uniquePrefix('referral');
const ORG = `${P}-org`;
const STALE = '2020-01-01T00:00:00Z';

const { short, mine, listing, kind } = referralNetwork(P, ORG);
const { womensShelter, rapeCentre, childrensHouse, legalAid, stalkingSupport } = kind;
const mensShelter: KindBuilder = (key, name, municipalityCode, o = {}) =>
  kind.mensShelter(key, name, municipalityCode, {
    needCodes: ['emergency-stay', 'stay-with-children', 'social-counselling'],
    ...o,
  });

const LISTINGS: ServiceSeed[] = [
  // women's shelters: all national, 18+, with children
  womensShelter('shelter-odense', 'Krisecenter Fyn', '461', {
    address: { street: 'Hemmeligvej 7', postalCode: '5000', city: 'Odense C' },
    phone: '+45 70 00 00 01',
    maxBoyAge: 12,
    wheelchairAccessible: true,
    capacity: { totalPlaces: 10, freePlaces: 2 },
  }),
  womensShelter('shelter-aarhus', 'Krisecenter Midt', '751', { wheelchairAccessible: false }),
  womensShelter('shelter-vejle', 'Krisecenter Vejle', '630', {
    capacity: { totalPlaces: 8, freePlaces: 3, reportedAt: STALE },
  }),
  womensShelter('shelter-kbh', 'Krisecenter Hovedstaden', '101'),
  womensShelter('shelter-roskilde', 'Krisecenter Roskilde', '265'),
  womensShelter('shelter-svendborg', 'Krisecenter Sydfyn', '479', {
    capacity: { totalPlaces: 5, freePlaces: 0 },
  }),
  kind.pregnancyTeam('pregnancy-team', 'Gravideteam OUH', '461', {
    coverage: region('1083'),
    phone: '+45 70 00 00 02',
  }),
  // health
  rapeCentre('rape-aalborg', 'Center for voldtægtsofre Nord', '851', {
    coverage: region('1081'),
    phone: '+45 70 00 00 03',
  }),
  rapeCentre('rape-aarhus', 'Center for voldtægtsofre Midt', '751', {
    coverage: region('1082'),
    phone: '+45 70 00 00 03',
  }),
  kind.psychologist('psych-national', 'Psykologhjælp Danmark', '101', { coverage: national }),
  kind.psychologist('psych-women-aalborg', 'Kvinderådgivning Nord', '851', {
    targetGroupCodes: ['women'],
    coverage: onlyMunicipality('851'),
  }),
  // children and young people
  childrensHouse('house-odense', 'Børnehus Syd', '461', {
    coverage: region('1083'),
    phone: '+45 70 00 00 04',
  }),
  childrensHouse('house-aalborg', 'Børnehus Nord', '851', {
    coverage: region('1081'),
    phone: '+45 70 00 00 04',
  }),
  listing('youth-roskilde', {
    name: 'Ung og Kæreste Sjælland',
    typeCode: 'youth-programme',
    targetGroupCodes: ['young-people'],
    needCodes: ['psychological-treatment', 'network-support'],
    coverage: region('1085'),
    municipalityCode: '265',
    minAge: 15,
    maxAge: 18,
    referralRoutes: ['SELF', 'MUNICIPALITY'],
  }),
  // men's shelters
  mensShelter('men-odense', 'Krisecenter for mænd Fyn', '461', {
    capacity: { totalPlaces: 4, freePlaces: 1 },
  }),
  mensShelter('men-aarhus', 'Krisecenter for mænd Midt', '751'),
  mensShelter('men-nokids', 'Botilbud for mænd Aarhus', '751', { acceptsChildren: false }),
  mensShelter('men-randers', 'Krisecenter for mænd Randers', '730', { maxBoyAge: 12 }),
  // perpetrators
  kind.perpetratorProgramme('dialog-kbh', 'Dialog mod vold København', '101', {
    coverage: region('1084'),
  }),
  kind.interventionCentre('intervention-kbh', 'Interventionscenter København', '101', {
    coverage: onlyMunicipality('101'),
  }),
  listing('mens-centre-kbh', {
    name: 'Mandecenter København',
    typeCode: 'mens-centre',
    targetGroupCodes: ['men'],
    needCodes: ['social-counselling', 'network-support'],
    coverage: region('1084'),
    municipalityCode: '101',
  }),
  // legal advice
  legalAid('legal-nyborg', 'Alfa Retshjælp', '450', { coverage: region('1083') }),
  legalAid('legal-svendborg-ar', 'Zeta Retshjælp', '479', {
    coverage: region('1083'),
    languages: ['ar', 'da'],
  }),
  legalAid('legal-national-ar', 'Retshjælp Danmark', '101', {
    coverage: national,
    languages: ['ar', 'en'],
  }),
  legalAid('legal-divorce-odense', 'Skilsmisserådgivning Fyn', '461', {
    targetGroupCodes: ['ethnic-minority-women'],
    needCodes: ['divorce'],
    coverage: region('1083'),
    languages: ['ar'],
  }),
  // stalking: met only outside Nordjylland
  listing('hotline', {
    name: 'Hotline mod vold',
    typeCode: 'hotline',
    targetGroupCodes: ['victims', 'relatives', 'professionals'],
    needCodes: ['anonymous-counselling', 'professional-advice'],
    coverage: national,
    municipalityCode: '101',
    open24h: true,
    anonymous: true,
    phone: '+45 70 00 00 09',
  }),
  stalkingSupport('stalking-aarhus', 'Stalkingrådgivning Midt', '751', {
    coverage: region('1082'),
  }),
  stalkingSupport('stalking-odense', 'Stalkingrådgivning Syd', '461', { coverage: region('1083') }),
  // never in any answer
  womensShelter('archived', 'Arkiveret Krisecenter', '461'),
];

interface OptionOut {
  rank: number;
  score: number;
  service: { id: string; name: string };
  matchedNeeds: { code: string }[];
  matchedTargetGroups: { code: string }[];
  coverage: string;
  distanceKm: number | null;
  availability: string;
  reasons: string[];
  nextSteps: string[];
}
interface ReferralOut {
  municipality: { code: string; region: { code: string } } | null;
  options: OptionOut[];
  byNeed: { need: { code: string }; options: { rank: number; service: { id: string } }[] }[];
  unmetNeeds: {
    need: { code: string };
    nearest: { service: { id: string }; distanceKm: number | null; coverage: string } | null;
  }[];
  guidance: { code: string; text: string }[];
  followUps: {
    need: { code: string };
    after: { code: string }[];
    options: { rank: number; service: { id: string }; coverage: string; reasons: string[] }[];
  }[];
}

const REFERRAL = `query($input: ReferralInput!, $language: Language) {
  referral(input: $input, language: $language) {
    municipality { code region { code } }
    options {
      rank score service { id name } matchedNeeds { code } matchedTargetGroups { code }
      coverage distanceKm availability reasons nextSteps
    }
    byNeed { need { code } options { rank service { id } } }
    unmetNeeds { need { code } nearest { service { id } distanceKm coverage } }
    guidance { code text }
    followUps { need { code } after { code } options { rank service { id } coverage reasons } }
  }
}`;

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  await createListings(api.neo, [organisation(ORG, { name: 'Referral Test Org' })], LISTINGS);
  await api.neo.write(cypher`MATCH (s:Service {id: $id}) SET s.archived = true`, {
    id: `${P}-archived`,
  });
});

afterAll(() => closeApi(api, P));

const { send, answer: refer } = referralOperation<'referral', ReferralOut>(
  () => api,
  REFERRAL,
  'referral',
);

const option = (r: ReferralOut, key: string): OptionOut => {
  const found = r.options.find((o) => o.service.id === `${P}-${key}`);
  if (!found) {
    throw new Error(`${key} not in the answer`);
  }
  return found;
};
const codes = (r: ReferralOut): string[] => r.guidance.map((g) => g.code);

describe('a pregnant woman in Odense who is afraid to go home', () => {
  const input = {
    targetGroupCodes: ['women', 'pregnant-women'],
    needCodes: ['emergency-stay', 'pregnancy-care'],
    municipalityCode: '461',
  };

  it('ranks a free place first, then the pregnancy team and shelters in the region, a full one last', async () => {
    const r = await refer(input);
    expect(mine(r.options)).toEqual([
      'shelter-odense',
      'pregnancy-team',
      'shelter-vejle',
      'shelter-aarhus',
      'shelter-roskilde',
      'shelter-kbh',
      'shelter-svendborg',
    ]);
    expect(r.options.map((o) => [short(o.service.id), o.availability, o.coverage])).toEqual([
      ['shelter-odense', 'AVAILABLE', 'MUNICIPALITY'],
      ['pregnancy-team', 'NO_PLACES', 'MUNICIPALITY'],
      ['shelter-vejle', 'STALE', 'REGION'],
      ['shelter-aarhus', 'UNKNOWN', 'NATIONAL'],
      ['shelter-roskilde', 'UNKNOWN', 'NATIONAL'],
      ['shelter-kbh', 'UNKNOWN', 'NATIONAL'],
      ['shelter-svendborg', 'FULL', 'REGION'],
    ]);
    expect(r.options.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const scores = r.options.map((o) => o.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(r.municipality).toEqual({ code: '461', region: { code: '1083' } });
    expect(codes(r)).toEqual(['DANGER_CALL_112', 'SHELTER_PLACES_1888', 'DUTY_TO_NOTIFY_UNBORN']);
    expect(r.guidance[1].text).toBe(
      'Ledige krisecenterpladser i hele landet: Lev Uden Vold på 1888 (døgnåben, gratis og anonym) har overblikket og rådgiver også fagpersoner.',
    );
    expect(r.guidance[0].text).toMatch(/^Er der fare lige nu, så ring 112\./);
    expect(r.unmetNeeds).toEqual([]);
  });

  it('says why and what next, from the data, in Danish', async () => {
    const r = await refer(input);
    const top = option(r, 'shelter-odense');
    expect(top).toMatchObject({
      matchedNeeds: [{ code: 'emergency-stay' }],
      matchedTargetGroups: [{ code: 'women' }, { code: 'pregnant-women' }],
      // a secret address: its municipality is said, never a distance
      distanceKm: null,
      reasons: [
        'Tager imod kvinder',
        'Hjælper med akut ophold',
        '2 ledige pladser',
        'Døgnåben',
        'Ligger i Odense',
      ],
      nextSteps: [
        'Personen kan selv ringe på +45 70 00 00 01 (døgnet rundt)',
        'Adressen er hemmelig: aftal ankomsten pr. telefon',
      ],
    });
    expect(option(r, 'pregnancy-team')).toMatchObject({
      matchedNeeds: [{ code: 'pregnancy-care' }],
      reasons: [
        'Tager imod gravide og nybagte mødre',
        'Hjælper med støtte i graviditeten',
        'Ligger i Odense',
      ],
      nextSteps: ['Du henviser som fagperson: ring +45 70 00 00 02'],
    });
    expect(option(r, 'shelter-vejle').reasons).toContain(
      'Pladser sidst meldt for over 24 timer siden: ring først',
    );
    expect(option(r, 'shelter-vejle').nextSteps).toContain(
      'Ring først og spørg, om der er en ledig plads',
    );
    // a secret address: the municipality, never a distance
    expect(option(r, 'shelter-aarhus').reasons).toContain('Ligger i Aarhus');
    expect(option(r, 'shelter-aarhus').reasons.some((t) => t.includes('km'))).toBe(false);
    expect(option(r, 'shelter-svendborg').reasons).toContain('Ingen ledige pladser lige nu');
  });

  it('groups the options by need', async () => {
    const r = await refer(input);
    expect(r.byNeed.map((b) => [b.need.code, mine(b.options)])).toEqual([
      [
        'emergency-stay',
        [
          'shelter-odense',
          'shelter-vejle',
          'shelter-aarhus',
          'shelter-roskilde',
          'shelter-kbh',
          'shelter-svendborg',
        ],
      ],
      ['pregnancy-care', ['pregnancy-team']],
    ]);
    expect(r.byNeed[0].options.map((o) => o.rank)).toEqual([1, 3, 4, 5, 6, 7]);
  });

  it('answers in English with language: EN', async () => {
    const r = await refer(input, 'EN');
    expect(option(r, 'shelter-odense')).toMatchObject({
      reasons: [
        'Serves women',
        'Helps with emergency stay',
        '2 free places',
        'Open day and night',
        'Located in Odense',
      ],
      nextSteps: [
        'The person can call +45 70 00 00 01 directly (day and night)',
        'The address is secret: arrange the arrival by phone',
      ],
    });
    expect(r.guidance[0]).toEqual({
      code: 'DANGER_CALL_112',
      text: 'If there is danger now, call 112. The police can remove the violent person from the home and issue a restraining order; non-urgent: call 114.',
    });
  });

  it('with a wheelchair: no step-free access is excluded, unknown access is kept and said', async () => {
    const r = await refer({ ...input, wheelchair: true });
    expect(mine(r.options)).toEqual([
      'shelter-odense',
      'pregnancy-team',
      'shelter-vejle',
      'shelter-roskilde',
      'shelter-kbh',
      'shelter-svendborg',
    ]);
    expect(option(r, 'shelter-odense').reasons).toContain('Trinfri adgang');
    expect(option(r, 'shelter-vejle').reasons).toContain('Trinfri adgang ukendt');
  });

  it('self-referral only drops the pregnancy team and reports the need as unmet', async () => {
    const r = await refer({ ...input, selfReferralOnly: true });
    expect(mine(r.options)).toEqual([
      'shelter-odense',
      'shelter-vejle',
      'shelter-aarhus',
      'shelter-roskilde',
      'shelter-kbh',
      'shelter-svendborg',
    ]);
    expect(r.unmetNeeds).toEqual([{ need: { code: 'pregnancy-care' }, nearest: null }]);
  });

  it('without a place: only national services, by availability then name, and NO_PLACE_GIVEN', async () => {
    const r = await refer({ targetGroupCodes: input.targetGroupCodes, needCodes: input.needCodes });
    expect(mine(r.options)).toEqual([
      'shelter-odense',
      'shelter-kbh',
      'shelter-aarhus',
      'shelter-roskilde',
      'shelter-vejle',
      'shelter-svendborg',
    ]);
    expect(r.options.every((o) => o.coverage === 'NATIONAL' && o.distanceKm === null)).toBe(true);
    expect(r.municipality).toBeNull();
    expect(codes(r)).toEqual([
      'DANGER_CALL_112',
      'SHELTER_PLACES_1888',
      'DUTY_TO_NOTIFY_UNBORN',
      'NO_PLACE_GIVEN',
    ]);
    expect(r.unmetNeeds).toEqual([{ need: { code: 'pregnancy-care' }, nearest: null }]);
  });

  it('cuts at the limit without changing the order', async () => {
    const full = await refer(input);
    const r = await refer({ ...input, limit: 2 });
    expect(r.options).toHaveLength(2);
    expect(r.options).toEqual(full.options.slice(0, 2));
  });

  it('never sends the confidential address', async () => {
    const res = await api.gql(
      `query($input: ReferralInput!) { referral(input: $input) { options { service { address { street } description name } reasons nextSteps } } }`,
      { input },
    );
    expect(JSON.stringify(ok(res))).not.toContain('Hemmeligvej');
  });
});

describe('a man after rape, seen by a doctor in Aalborg', () => {
  const input = {
    targetGroupCodes: ['men'],
    needCodes: ['acute-examination-after-rape', 'psychological-treatment'],
    municipalityCode: '851',
  };

  it('sends him to the rape centre in the region; services for women only are not offered', async () => {
    const r = await refer(input);
    expect(mine(r.options)).toEqual(['rape-aalborg', 'psych-national']);
    expect(option(r, 'rape-aalborg')).toMatchObject({
      matchedNeeds: [{ code: 'acute-examination-after-rape' }, { code: 'psychological-treatment' }],
      matchedTargetGroups: [{ code: 'men' }],
      coverage: 'MUNICIPALITY',
      nextSteps: [
        'Personen kan selv ringe på +45 70 00 00 03 (døgnet rundt)',
        'Personen kan være anonym',
      ],
    });
    expect(codes(r)).toEqual(['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL']);
    expect(r.guidance[0].text).toContain('72 timer');
    expect(r.guidance[0].text).toContain('kræver ikke politianmeldelse');
    expect(r.unmetNeeds).toEqual([]);
  });

  it('says what comes next in the referral chain: legal advice, where he can get it', async () => {
    const r = await refer(input);
    // psychological treatment was asked for already, so only legal advice follows
    expect(
      r.followUps.map((f) => ({
        need: f.need.code,
        after: f.after.map((n) => n.code),
        options: f.options.map((o) => [o.rank, short(o.service.id), o.coverage]),
      })),
    ).toEqual([
      {
        need: 'legal-advice',
        after: ['acute-examination-after-rape'],
        options: [[1, 'legal-national-ar', 'NATIONAL']],
      },
    ]);
    expect(r.followUps[0].options[0].reasons).toEqual([
      'Tager imod voldsudsatte',
      'Hjælper delvist med juridisk rådgivning: forældremyndighed og samvær, skilsmisse og opholdsgrundlag',
      'Landsdækkende',
      '223 km fra Aalborg',
    ]);
    // and the chain never leaks into the options themselves
    expect(mine(r.options)).not.toContain('legal-national-ar');
  });

  it('finds the same from a position near Aalborg, measured from that position', async () => {
    const r = await refer({
      ...input,
      municipalityCode: undefined,
      near: { latitude: 57.03, longitude: 9.95 },
    });
    expect(r.municipality?.code).toBe('851');
    expect(mine(r.options)).toEqual(['rape-aalborg', 'psych-national']);
    expect(option(r, 'rape-aalborg').distanceKm).toBe(2.7);
    expect(option(r, 'rape-aalborg').reasons).toContain('3 km væk');
  });

  it('says the rape advice in English', async () => {
    const r = await refer(input, 'EN');
    expect(r.guidance).toEqual([
      {
        code: 'RAPE_ACUTE_EXAMINATION',
        text: 'After rape: go to a centre for victims of rape as soon as possible. Evidence is best secured within 72 hours, so if possible avoid washing or changing clothes first. No police report is required to be examined and treated.',
      },
      {
        code: 'VICTIMS_COUNSEL',
        text: 'Victims’ counsel: after a rape or other violence the victim has the right to a free victims’ counsel (bistandsadvokat). Ask the police for one when the offence is reported; the police see to it that the court appoints the lawyer (Retsplejeloven § 741 a).',
      },
    ]);
  });
});

describe('suspected abuse of a child in Odense', () => {
  const input = {
    targetGroupCodes: ['children'],
    needCodes: ['child-investigation'],
    municipalityCode: '461',
    age: 7,
  };

  it('refers to the children’s house through the municipality, with the duty to notify', async () => {
    const r = await refer(input);
    expect(mine(r.options)).toEqual(['house-odense']);
    expect(option(r, 'house-odense').nextSteps).toEqual([
      'Kommunen henviser: kontakt familiens kommune (børne- og ungerådgivningen)',
    ]);
    expect(codes(r)).toEqual(['DUTY_TO_NOTIFY']);
    expect(r.guidance[0].text).toContain('Barnets lov § 133');
    expect(r.guidance[0].text).toContain('serviceloven § 153');
  });

  it('in English', async () => {
    const r = await refer(input, 'EN');
    expect(option(r, 'house-odense').nextSteps).toEqual([
      "The municipality refers: contact the family's municipality (children and young people's caseworker)",
    ]);
    expect(r.guidance).toEqual([
      {
        code: 'DUTY_TO_NOTIFY',
        text: "Duty to notify: a professional who learns or has reason to believe that a child or young person under 18 is exposed to violence or lives in a home with violence must notify the child's municipality. A suspicion is enough; you need not investigate yourself (Barnets lov § 133, formerly Serviceloven § 153).",
      },
    ]);
  });

  it('self-referral only leaves nothing, and says the need is unmet', async () => {
    const r = await refer({ ...input, selfReferralOnly: true });
    expect(mine(r.options)).toEqual([]);
    expect(r.unmetNeeds).toEqual([{ need: { code: 'child-investigation' }, nearest: null }]);
  });
});

describe('a 16-year-old girl with dating violence in Roskilde', () => {
  const input = {
    targetGroupCodes: ['women', 'young-people'],
    needCodes: ['emergency-stay', 'psychological-treatment'],
    municipalityCode: '265',
    age: 16,
  };

  it('is not sent to 18+ shelters but to the youth programme', async () => {
    const r = await refer(input);
    expect(mine(r.options)).toEqual(['youth-roskilde', 'psych-national']);
    expect(option(r, 'youth-roskilde')).toMatchObject({
      matchedTargetGroups: [{ code: 'young-people' }],
      coverage: 'MUNICIPALITY',
      reasons: [
        'Tager imod unge',
        'Hjælper med psykologbehandling',
        'Ligger i Roskilde',
        'For 15-18-årige',
      ],
      nextSteps: ['Personen kan selv henvende sig', 'Kommunen kan også henvise'],
    });
    expect(r.unmetNeeds).toEqual([{ need: { code: 'emergency-stay' }, nearest: null }]);
    expect(codes(r)).toEqual(['DANGER_CALL_112', 'SHELTER_PLACES_1888', 'DUTY_TO_NOTIFY']);
  });

  it('an adult with the same request gets the shelters and not the youth programme', async () => {
    const r = await refer({ ...input, age: 30 });
    const ids = mine(r.options);
    expect(ids).toContain('shelter-roskilde');
    expect(ids).not.toContain('youth-roskilde');
    expect(codes(r)).toEqual(['DANGER_CALL_112', 'SHELTER_PLACES_1888']);
  });
});

describe('a man with two children who needs a stay, in Aarhus', () => {
  const input = {
    targetGroupCodes: ['men'],
    needCodes: ['stay-with-children'],
    municipalityCode: '751',
    accompanyingChildren: [6, 13],
  };

  it('offers shelters that take children, a free place first; the boy limit is said when sexes are not given', async () => {
    const r = await refer(input);
    expect(mine(r.options)).toEqual(['men-odense', 'men-aarhus', 'men-randers']);
    expect(r.options.map((o) => [o.availability, o.coverage])).toEqual([
      ['AVAILABLE', 'NATIONAL'],
      ['UNKNOWN', 'MUNICIPALITY'],
      ['UNKNOWN', 'REGION'],
    ]);
    expect(option(r, 'men-randers').reasons).toEqual([
      'Tager imod mænd',
      'Hjælper med ophold med børn',
      'I Region Midtjylland',
      '36 km fra Aarhus',
      'Børn kan komme med',
      'Drenge kun til og med 12 år: spørg, hvis en ældre dreng kommer med',
    ]);
    expect(codes(r)).toEqual(['DANGER_CALL_112', 'SHELTER_PLACES_1888', 'DUTY_TO_NOTIFY']);
  });

  it('excludes a shelter whose boy limit is below a boy who comes along', async () => {
    const r = await refer({ ...input, accompanyingBoys: [13] });
    expect(mine(r.options)).toEqual(['men-odense', 'men-aarhus']);
  });
});

describe('a perpetrator', () => {
  it('is referred only to services for perpetrators (an intervention centre serves both)', async () => {
    const r = await refer({
      targetGroupCodes: ['perpetrators', 'men'],
      needCodes: ['perpetrator-treatment', 'social-counselling'],
      municipalityCode: '101',
    });
    expect(mine(r.options)).toEqual(['dialog-kbh', 'intervention-kbh']);
    expect(r.options.map((o) => o.matchedTargetGroups)).toEqual([
      [{ code: 'perpetrators' }],
      [{ code: 'perpetrators' }],
    ]);
    expect(codes(r)).toEqual([]);
  });

  it('a victim is never sent to a perpetrator programme', async () => {
    const r = await refer({
      targetGroupCodes: ['men'],
      needCodes: ['perpetrator-treatment', 'social-counselling'],
      municipalityCode: '101',
    });
    // the local centres (no places to report) before a shelter with room across the country
    expect(mine(r.options)).toEqual([
      'intervention-kbh',
      'mens-centre-kbh',
      'men-odense',
      'men-nokids',
      'men-aarhus',
      'men-randers',
    ]);
    expect(mine(r.options)).not.toContain('dialog-kbh');
    expect(r.unmetNeeds).toEqual([{ need: { code: 'perpetrator-treatment' }, nearest: null }]);
  });
});

describe('an Arabic-speaking woman who needs advice on her residence status, in Odense', () => {
  const input = {
    targetGroupCodes: ['ethnic-minority-women'],
    needCodes: ['residence-status'],
    municipalityCode: '461',
  };

  it('ranks a service that speaks her language up', async () => {
    expect(mine((await refer(input)).options)).toEqual([
      'legal-nyborg',
      'legal-svendborg-ar',
      'legal-national-ar',
    ]);
    const r = await refer({ ...input, languages: ['ar'] });
    expect(mine(r.options)).toEqual(['legal-svendborg-ar', 'legal-nyborg', 'legal-national-ar']);
    expect(option(r, 'legal-svendborg-ar').reasons).toEqual([
      'Tager imod voldsudsatte',
      'Hjælper med opholdsgrundlag',
      'Dækker Region Syddanmark',
      'Taler arabisk',
      '40 km fra Odense',
    ]);
  });

  it('a broad need is met partly by narrower ones, and says so', async () => {
    const r = await refer({
      targetGroupCodes: ['ethnic-minority-women'],
      needCodes: ['legal-advice'],
      municipalityCode: '461',
    });
    // a service only for minority women is not offered to a woman not said to be one
    const woman = await refer({
      targetGroupCodes: ['women'],
      needCodes: ['legal-advice'],
      municipalityCode: '461',
    });
    expect(mine(woman.options)).toEqual([
      'legal-nyborg',
      'legal-svendborg-ar',
      'legal-national-ar',
    ]);
    expect(mine(r.options)).toEqual([
      'legal-divorce-odense',
      'legal-nyborg',
      'legal-svendborg-ar',
      'legal-national-ar',
    ]);
    expect(option(r, 'legal-divorce-odense').reasons[1]).toBe(
      'Hjælper delvist med juridisk rådgivning: skilsmisse',
    );
    expect(option(r, 'legal-nyborg').reasons[1]).toBe(
      'Hjælper delvist med juridisk rådgivning: forældremyndighed og samvær, skilsmisse og opholdsgrundlag',
    );
  });
});

describe('a need met only outside the region', () => {
  it('lists the nearest service outside the area, with its distance', async () => {
    const r = await refer({
      targetGroupCodes: ['stalking-victims'],
      needCodes: ['digital-safety', 'anonymous-counselling'],
      municipalityCode: '851',
    });
    expect(mine(r.options)).toEqual(['hotline', 'stalking-aarhus', 'stalking-odense']);
    expect(r.options.map((o) => [o.coverage, o.distanceKm])).toEqual([
      ['NATIONAL', 223.3],
      ['OUTSIDE_AREA', 100.7],
      ['OUTSIDE_AREA', 185.3],
    ]);
    expect(r.unmetNeeds).toEqual([
      {
        need: { code: 'digital-safety' },
        nearest: {
          service: { id: `${P}-stalking-aarhus` },
          distanceKm: 100.7,
          coverage: 'OUTSIDE_AREA',
        },
      },
    ]);
    expect(option(r, 'stalking-aarhus').reasons).toEqual([
      'Tager imod stalkingudsatte',
      'Uden for området: intet i området hjælper med digital sikkerhed',
      'Hjælper med digital sikkerhed',
      '101 km fra Aalborg',
    ]);
    expect(r.byNeed.map((b) => [b.need.code, mine(b.options)])).toEqual([
      ['digital-safety', ['stalking-aarhus', 'stalking-odense']],
      ['anonymous-counselling', ['hotline']],
    ]);
  });
});

describe('one round trip', () => {
  const input = {
    targetGroupCodes: ['women', 'pregnant-women'],
    needCodes: ['emergency-stay', 'pregnancy-care'],
    municipalityCode: '461',
  };

  it('ranks cached light rows of the area (and beyond it only for what the area lacks), takes the services it returns from the same snapshot, and resolves nested fields without more', async () => {
    const spy = jest.spyOn(Neo4jService.prototype, 'read');
    try {
      ok(await api.gql('{ serviceTypes { code } regions { code } }')); // warm the caches
      ok(await send({ targetGroupCodes: ['women'], needCodes: ['safety'] })); // and the cached rows
      spy.mockClear();
      const data = ok(
        await api.gql<{ referral: { options: unknown[] } }>(
          `query($input: ReferralInput!) { referral(input: $input) {
            options { service { id type { code } targetGroups { code } needs { code parent { code } }
              municipality { name region { name } } coverage { regions { code } municipalities { code } }
              capacity { freePlaces } address { city } } matchedNeeds { code } }
            byNeed { options { service { name } } } unmetNeeds { need { code } }
            municipality { name region { code } } } }`,
          { input },
        ),
      );
      expect(data.referral.options.length).toBeGreaterThanOrEqual(7);
      // the catalogue stamp only: the light rows of the area (and beyond it for a next step the
      // area does not offer) and the services the answer returns, whole, come from the snapshot
      // cached at that stamp
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockClear();
      ok(
        await api.gql(
          `query($input: ReferralInput!) { referral(input: $input) { options { service { organisation { name } } } } }`,
          { input },
        ),
      );
      // the same one, then every organisation in one batch
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('bad input', () => {
  const base = { targetGroupCodes: ['women'], needCodes: ['emergency-stay'] };

  it('lists every unknown code', async () => {
    const err = errorOf(
      await send({
        targetGroupCodes: ['women', 'martians'],
        needCodes: ['flying', 'emergency-stay'],
      }),
    );
    expect(err.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input',
      unknownTargetGroupPositions: [1],
      unknownNeedPositions: [0],
    });
    const only = errorOf(await send({ ...base, needCodes: ['teleport'] }));
    expect(only.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.needCodes',
      unknownNeedPositions: [0],
    });
  });

  it.each([
    ['empty groups', { targetGroupCodes: [] }, /targetGroupCodes should not be empty/],
    ['empty needs', { needCodes: [] }, /needCodes should not be empty/],
    [
      'both places',
      { municipalityCode: '461', near: { latitude: 55.4, longitude: 10.4 } },
      /either input.municipalityCode or input.near/,
    ],
    [
      'a position outside Denmark',
      { near: { latitude: 52.52, longitude: 13.4 } },
      /inside Denmark/,
    ],
    [
      'a latitude out of range',
      { near: { latitude: 91, longitude: 10 } },
      /latitude must not be greater than 90/,
    ],
    [
      'an unknown municipality',
      { municipalityCode: '999' },
      /^Unknown municipality code in input.municipalityCode$/,
    ],
    ['age over 120', { age: 121 }, /age must not be greater than 120/],
    ['a negative age', { age: -1 }, /age must not be less than 0/],
    ['a child aged 18', { accompanyingChildren: [4, 18] }, /accompanyingChildren/],
    [
      'a boy who is not among the children',
      { accompanyingChildren: [4], accompanyingBoys: [9] },
      /accompanyingBoys/,
    ],
    ['limit 0', { limit: 0 }, /limit must not be less than 1/],
    ['limit 51', { limit: 51 }, /limit must not be greater than 50/],
    ['a language that is not ISO 639-1', { languages: ['arabic'] }, /ISO 639-1/],
  ] as [string, Record<string, unknown>, RegExp][])('rejects %s', async (_label, over, message) => {
    const err = errorOf(await send({ ...base, ...over }));
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(message);
  });

  it.each([
    ['Malmö', 55.605, 13.004],
    ['Flensburg', 54.794, 9.447],
    ['Kiel', 54.323, 10.123],
    ['Gothenburg', 57.709, 11.975],
  ])('refuses a position in %s, which a box around Denmark would take', async (_p, lat, lon) => {
    const err = errorOf(await send({ ...base, near: { latitude: lat, longitude: lon } }));
    expect([err.extensions.code, err.message]).toEqual([
      'BAD_USER_INPUT',
      'input.near must be a position inside Denmark',
    ]);
  });

  it.each([
    ['Skagen', 57.721, 10.584, '813'],
    ['Læsø', 57.255, 11.0, '825'],
    ['Anholt', 56.717, 11.517, '707'],
    ['Christiansø', 55.32, 15.188, '400'],
    ['Bornholm', 55.104, 14.707, '400'],
  ])('takes a position on %s', async (_place, lat, lon, code) => {
    const r = await refer({ ...base, near: { latitude: lat, longitude: lon } });
    expect(r.municipality?.code).toBe(code);
  });

  it('never echoes Cypher or internals', async () => {
    const err = errorOf(
      await send({ ...base, targetGroupCodes: ["' MATCH (n) DETACH DELETE n //"] }),
    );
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(err)).not.toMatch(/stack|neo4j|Cypher/i);
  });
});
