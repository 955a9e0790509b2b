import { Neo4jService } from '../src/neo4j/neo4j.service';
import { ServiceSeed } from '../seed/loader';
import { closeApi, errorOf, GqlResponse, ok, startApi, TestApi } from './support/api';
import { createListings, organisation, serviceVersion, uniquePrefix } from './support/factory';
import {
  national,
  onlyMunicipality,
  referralNetwork,
  referralOperation,
  region,
} from './support/referral-network';
import { createRoleTokens, RoleTokens } from './support/tokens';

/*
 * Referral plans across the three phases, on a purpose-built graph (not the demonstration seed).
 * Every service id is `${P}-<key>`; answers are filtered to this file's services, so the orders
 * below are exact.
 */
const P = uniquePrefix('plan');
const ORG_A = `${P}-org-a`;
const ORG_B = `${P}-org-b`;

const { id, short, mine, listing, kind } = referralNetwork(P, ORG_A);
/** Women's shelters at public addresses, unless one says otherwise. */
const shelter = (key: string, name: string, municipalityCode: string, o: Partial<ServiceSeed>) =>
  kind.womensShelter(key, name, municipalityCode, { addressConfidential: false, ...o });

const LISTINGS: ServiceSeed[] = [
  // Aalborg (Nordjylland, 1081): after a rape
  kind.rapeCentre('rape-nord', 'Center for voldtægtsofre Nord', '851', {
    needCodes: ['acute-examination-after-rape', 'anonymous-counselling'],
    coverage: region('1081'),
  }),
  kind.psychologist('psych-nord', 'Kvinderådgivning Nord', '851', {
    targetGroupCodes: ['women'],
    coverage: onlyMunicipality('851'),
  }),
  kind.psychologist('psych-national', 'Psykologhjælp Danmark', '101', { coverage: national }),
  kind.psychologist('psych-aarhus', 'Psykologhjælp Midt', '751', { coverage: region('1082') }),
  kind.legalAid('legal-nord', 'Retshjælp Nord', '851', { coverage: region('1081') }),
  kind.legalAid('legal-national', 'Retshjælp Danmark', '101', {
    needCodes: ['legal-advice'],
    coverage: national,
    languages: ['ar', 'da'],
  }),
  listing('network-nord', {
    name: 'Netværksgruppe Nord',
    targetGroupCodes: ['women'],
    needCodes: ['network-support'],
    coverage: onlyMunicipality('851'),
    municipalityCode: '851',
  }),
  // Odense (Syddanmark, 1083): a woman with two children whose local shelter is full
  shelter('shelter-odense', 'Krisecenter Fyn', '461', {
    capacity: { totalPlaces: 6, freePlaces: 0 },
    addressConfidential: true,
    address: { street: 'Hemmeligvej 9', postalCode: '5000', city: 'Odense C' },
  }),
  shelter('shelter-svendborg', 'Krisecenter Sydfyn', '479', { coverage: region('1083') }),
  shelter('shelter-vejle', 'Krisecenter Vejle', '630', {
    capacity: { totalPlaces: 5, freePlaces: 2 },
  }),
  shelter('shelter-aarhus', 'Krisecenter Midt', '751', {
    capacity: { totalPlaces: 4, freePlaces: 1 },
  }),
  shelter('shelter-nokids', 'Krisecenter uden børn', '461', {
    acceptsChildren: false,
    capacity: { totalPlaces: 3, freePlaces: 3 },
  }),
  kind.childSupport('child-psych-fyn', 'Børnepsykolog Fyn', '461', { coverage: region('1083') }),
  kind.familyCounselling('family-odense', 'Familierådgivning Odense', '461', {
    needCodes: ['family-treatment', 'social-counselling'],
    coverage: onlyMunicipality('461'),
  }),
  listing('housing-odense', {
    name: 'Boligrådgivning Odense',
    targetGroupCodes: ['victims'],
    needCodes: ['housing', 'work-and-education'],
    coverage: onlyMunicipality('461'),
    municipalityCode: '461',
  }),
  listing('danish-odense', {
    name: 'Sprogcenter Odense',
    // for women: a service only for minority women is not offered to a woman not said to be one
    targetGroupCodes: ['women'],
    needCodes: ['danish-language'],
    coverage: onlyMunicipality('461'),
    municipalityCode: '461',
    languages: ['ar', 'da'],
  }),
  kind.interventionCentre('intervention-odense', 'Interventionscenter Odense', '461', {
    coverage: onlyMunicipality('461'),
  }),
  // Næstved (Sjælland, 1085): a child
  kind.childrensHouse('house-sjaelland', 'Børnehus Sjælland', '370', { coverage: region('1085') }),
  kind.childSupport('child-psych-sjaelland', 'Børnepsykolog Sjælland', '370', {
    coverage: region('1085'),
    maxAge: 17,
  }),
  kind.familyCounselling('family-naestved', 'Familierådgivning Næstved', '370', {
    coverage: onlyMunicipality('370'),
  }),
  // Aarhus (Midtjylland, 1082): a perpetrator
  listing('housing-aarhus', {
    name: 'Botilbud for bortviste Aarhus',
    typeCode: 'perpetrator-housing',
    targetGroupCodes: ['perpetrators'],
    needCodes: ['perpetrator-housing'],
    coverage: region('1082'),
    municipalityCode: '751',
    referralRoutes: ['POLICE'],
  }),
  kind.perpetratorProgramme('dialog-aarhus', 'Dialog mod vold Aarhus', '751', {
    coverage: region('1082'),
  }),
  kind.familyCounselling('family-aarhus', 'Familierådgivning Aarhus', '751', {
    coverage: onlyMunicipality('751'),
  }),
  // another organisation's listing, and one that will be archived
  listing(
    'other-org',
    {
      name: 'Anden Organisations Rådgivning',
      needCodes: ['social-counselling'],
      coverage: onlyMunicipality('461'),
      municipalityCode: '461',
    },
    ORG_B,
  ),
  listing('to-archive', {
    name: 'Lukket Rådgivning',
    targetGroupCodes: ['women'],
    needCodes: ['psychological-treatment'],
    coverage: onlyMunicipality('851'),
    municipalityCode: '851',
  }),
];

const OPTION = `rank service { id name } availability coverage reasons`;
const PLAN = `query($input: ReferralInput!, $language: Language) {
  referralPlan(input: $input, language: $language) {
    referral {
      options { ${OPTION} nextSteps ifFull { ${OPTION} ifFull { rank } } }
      followUps { need { code } }
      guidance { code }
    }
    phases {
      phase
      steps {
        need { code phase }
        reason
        after { code }
        options { ${OPTION} ifFull { ${OPTION} } }
      }
    }
  }
}`;

interface OptionOut {
  rank: number;
  service: { id: string; name: string };
  availability: string;
  coverage: string;
  reasons: string[];
  nextSteps?: string[];
  ifFull?: OptionOut[];
}
interface PlanOut {
  referral: {
    options: OptionOut[];
    followUps: { need: { code: string } }[];
    guidance: { code: string }[];
  };
  phases: {
    phase: string;
    steps: {
      need: { code: string; phase: string };
      reason: string;
      after: { code: string }[];
      options: OptionOut[];
    }[];
  }[];
}

let api: TestApi;
let tokens: RoleTokens;

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(ORG_A, { name: 'Plan Org A' }), organisation(ORG_B, { name: 'Plan Org B' })],
    LISTINGS,
  );
  tokens = await createRoleTokens(api.neo, P, ORG_A, ORG_B);
});

afterAll(() => closeApi(api, P));

const { send: sendPlan, answer: plan } = referralOperation<'referralPlan', PlanOut>(
  () => api,
  PLAN,
  'referralPlan',
);

/** The plan as [phase, [[need, option keys]]], this file's services only. */
const shape = (p: PlanOut): [string, [string, string[]][]][] =>
  p.phases.map((ph) => [ph.phase, ph.steps.map((s) => [s.need.code, mine(s.options)])]);

const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
  updateService(id: $id, expectedVersion: $v, input: $input) {
    id version continuesTo { id } ifFullTry { id }
  }
}`;

const versionOf = (serviceId: string): Promise<number> => serviceVersion(api.neo, serviceId);

async function declare(
  key: string,
  input: { continuesToIds?: string[] | null; ifFullTryIds?: string[] },
  token = tokens.editorA,
): Promise<GqlResponse<{ updateService: { version: number } }>> {
  return api.gql<{ updateService: { version: number } }>(
    UPDATE,
    { id: id(key), v: await versionOf(id(key)), input },
    token,
  );
}

describe('a woman in Aalborg after a rape', () => {
  const input = {
    targetGroupCodes: ['women'],
    needCodes: ['acute-examination-after-rape'],
    municipalityCode: '851',
  };

  it('goes to the rape centre now, then to psychological treatment and legal advice in her area', async () => {
    const p = await plan(input);
    expect(mine(p.referral.options)).toEqual(['rape-nord']);
    expect(p.referral.guidance.map((g) => g.code)).toEqual([
      'RAPE_ACUTE_EXAMINATION',
      'VICTIMS_COUNSEL',
    ]);
    expect(shape(p)).toEqual([
      [
        'SUPPORT',
        [
          ['psychological-treatment', ['psych-nord', 'to-archive', 'psych-national']],
          ['legal-advice', ['legal-nord', 'legal-national']],
        ],
      ],
    ]);
    const [psych, legal] = p.phases[0].steps;
    expect(psych).toMatchObject({
      need: { code: 'psychological-treatment', phase: 'SUPPORT' },
      after: [{ code: 'acute-examination-after-rape' }],
      reason: 'Kommer typisk efter akut undersøgelse efter voldtægt',
    });
    expect(psych.options.map((o) => [o.rank, o.coverage])).toEqual([
      [1, 'MUNICIPALITY'],
      [2, 'MUNICIPALITY'],
      [3, 'NATIONAL'],
    ]);
    expect(legal.options[0].reasons).toContain(
      'Hjælper delvist med juridisk rådgivning: forældremyndighed og samvær, skilsmisse og opholdsgrundlag',
    );
  });

  it('says the reasons in English with language: EN', async () => {
    const p = await plan(input, 'EN');
    expect(p.phases[0].steps[0].reason).toBe(
      'Usually follows acute medical examination after rape',
    );
  });
});

describe('a woman with two children in Odense whose local shelter is full', () => {
  const input = {
    targetGroupCodes: ['women'],
    needCodes: ['emergency-stay', 'stay-with-children'],
    municipalityCode: '461',
    accompanyingChildren: [4, 9],
    languages: ['ar'],
  };

  beforeAll(async () => {
    ok(await declare('shelter-odense', { ifFullTryIds: [id('shelter-svendborg')] }));
  });

  it('is offered the declared alternative first, then the next free shelter', async () => {
    const p = await plan(input);
    expect(mine(p.referral.options)).toEqual([
      'shelter-vejle',
      'shelter-aarhus',
      'shelter-svendborg',
      'shelter-odense',
    ]);
    const full = p.referral.options.find((o) => o.service.id === id('shelter-odense'));
    expect(full?.availability).toBe('FULL');
    expect(full?.ifFull?.map((o) => [short(o.service.id), o.rank, o.availability])).toEqual([
      ['shelter-svendborg', 1, 'UNKNOWN'],
      ['shelter-vejle', 2, 'AVAILABLE'],
      ['shelter-aarhus', 3, 'AVAILABLE'],
    ]);
    expect(full?.ifFull?.[0].reasons[0]).toBe('Krisecenter Fyn henviser hertil, når der er fuldt');
    expect(full?.ifFull?.map((o) => o.ifFull)).toEqual([[], [], []]);
    // an option with room has no alternatives
    expect(p.referral.options[0].ifFull).toEqual([]);
  });

  it('then the support for the children and the aftercare steps, Danish lessons included', async () => {
    const p = await plan(input);
    expect(shape(p)).toEqual([
      [
        'SUPPORT',
        [
          ['child-psychological-treatment', ['child-psych-fyn']],
          ['family-treatment', ['family-odense']],
        ],
      ],
      [
        'AFTERCARE',
        [
          ['housing', ['housing-odense']],
          ['work-and-education', ['housing-odense']],
          ['danish-language', ['danish-odense']],
          ['authority-contact', ['intervention-odense']],
        ],
      ],
    ]);
    const housing = p.phases[1].steps[0];
    expect(housing.after).toEqual([{ code: 'emergency-stay' }, { code: 'stay-with-children' }]);
    expect(housing.reason).toBe('Kommer typisk efter akut ophold og ophold med børn');
    expect(p.phases[1].steps[2].options[0].reasons).toContain('Taler arabisk');
  });

  it('without Danish lessons when she speaks Danish', async () => {
    const p = await plan({ ...input, languages: ['da'] });
    expect(p.phases[1].steps.map((s) => s.need.code)).toEqual([
      'housing',
      'work-and-education',
      'authority-contact',
    ]);
    const alone = await plan({ ...input, languages: undefined });
    expect(alone.phases[1].steps.map((s) => s.need.code)).not.toContain('danish-language');
  });

  it('the plain referral carries the same alternatives', async () => {
    const res = ok(
      await api.gql<{ referral: { options: OptionOut[] } }>(
        `query($input: ReferralInput!) { referral(input: $input) {
          options { service { id } availability ifFull { service { id } } } } }`,
        { input },
      ),
    );
    const full = res.referral.options.find((o) => o.service.id === id('shelter-odense'));
    expect(mine(full?.ifFull ?? [])).toEqual([
      'shelter-svendborg',
      'shelter-vejle',
      'shelter-aarhus',
    ]);
  });
});

describe('a child in Næstved', () => {
  const input = {
    targetGroupCodes: ['children'],
    needCodes: ['child-investigation'],
    municipalityCode: '370',
    age: 9,
  };

  it('goes to the children’s house via the municipality now, then child psychological treatment and family treatment, with the duty to notify', async () => {
    const p = await plan(input);
    expect(mine(p.referral.options)).toEqual(['house-sjaelland']);
    expect(p.referral.options[0].nextSteps).toEqual([
      'Kommunen henviser: kontakt familiens kommune (børne- og ungerådgivningen)',
    ]);
    expect(p.referral.guidance.map((g) => g.code)).toEqual(['DUTY_TO_NOTIFY']);
    expect(shape(p)).toEqual([
      [
        'SUPPORT',
        [
          ['child-psychological-treatment', ['child-psych-sjaelland']],
          ['family-treatment', ['family-naestved']],
        ],
      ],
    ]);
  });
});

describe('a perpetrator in Aarhus', () => {
  const input = {
    targetGroupCodes: ['perpetrators'],
    needCodes: ['perpetrator-housing'],
    municipalityCode: '751',
  };

  it('gets housing now, then treatment, then family treatment, never a victims’ service', async () => {
    const p = await plan(input);
    expect(mine(p.referral.options)).toEqual(['housing-aarhus']);
    expect(shape(p)).toEqual([
      [
        'SUPPORT',
        [
          ['perpetrator-treatment', ['dialog-aarhus']],
          ['family-treatment', ['dialog-aarhus']],
        ],
      ],
    ]);
    expect(p.phases[0].steps[1].after).toEqual([{ code: 'perpetrator-treatment' }]);
    const everywhere = [
      ...p.referral.options,
      ...p.phases.flatMap((ph) => ph.steps.flatMap((s) => s.options)),
    ];
    expect(new Set(everywhere.map((o) => o.service.id))).toEqual(
      new Set([id('housing-aarhus'), id('dialog-aarhus')]),
    );
  });
});

describe('onward referrals an organisation declares', () => {
  it('are set by the owning EDITOR, versioned and audited, and shown on Service', async () => {
    const before = await versionOf(id('psych-nord'));
    const res = ok(
      await declare('psych-nord', {
        continuesToIds: [id('legal-nord'), id('other-org')],
        ifFullTryIds: [id('psych-national')],
      }),
    );
    expect(res.updateService).toEqual({
      id: id('psych-nord'),
      version: before + 1,
      continuesTo: [{ id: id('legal-nord') }, { id: id('other-org') }],
      ifFullTry: [{ id: id('psych-national') }],
    });
    const audit = ok(
      await api.gql<{
        auditLog: { edges: { node: { changes: { field: string; to: string | null }[] } }[] };
      }>(
        `query($id: ID!) { auditLog(id: $id, first: 1) { edges { node { changes { field to } } } } }`,
        { id: id('psych-nord') },
        tokens.editorA,
      ),
    );
    expect(audit.auditLog.edges[0].node.changes).toEqual([
      { field: 'continuesToIds', to: `${id('legal-nord')}, ${id('other-org')}` },
      { field: 'ifFullTryIds', to: id('psych-national') },
    ]);
    // the order is the order to try them: a reordering is a change
    const reordered = ok(
      await declare('psych-nord', { continuesToIds: [id('other-org'), id('legal-nord')] }),
    );
    expect(reordered.updateService.version).toBe(before + 2);
    // null clears a list
    ok(await declare('psych-nord', { continuesToIds: null }));
    const read = ok(
      await api.gql<{ service: { continuesTo: unknown[]; ifFullTry: { id: string }[] } }>(
        `query($id: ID!) { service(id: $id) { continuesTo { id } ifFullTry { id } } }`,
        { id: id('psych-nord') },
      ),
    );
    expect(read.service).toEqual({ continuesTo: [], ifFullTry: [{ id: id('psych-national') }] });
  });

  it('an EDITOR cannot declare them for another organisation’s service', async () => {
    const before = await versionOf(id('psych-nord'));
    const err = errorOf(
      await declare('psych-nord', { continuesToIds: [id('other-org')] }, tokens.editorB),
    );
    expect(err.extensions.code).toBe('FORBIDDEN');
    expect(await versionOf(id('psych-nord'))).toBe(before);
  });

  it('unknown, archived or own ids are BAD_USER_INPUT, a stale version STALE_VERSION', async () => {
    const unknown = errorOf(
      await declare('psych-nord', {
        continuesToIds: [id('legal-nord'), `${P}-nope`],
        ifFullTryIds: [],
      }),
    );
    expect(unknown.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.continuesToIds',
      unknownPositions: [1],
    });
    const self = errorOf(await declare('psych-nord', { ifFullTryIds: [id('psych-nord')] }));
    expect([self.extensions.code, self.extensions.argument]).toEqual([
      'BAD_USER_INPUT',
      'input.ifFullTryIds',
    ]);
    const stale = errorOf(
      await api.gql(
        UPDATE,
        {
          id: id('psych-nord'),
          v: (await versionOf(id('psych-nord'))) - 1,
          input: { continuesToIds: [id('legal-nord')] },
        },
        tokens.editorA,
      ),
    );
    expect(stale.extensions.code).toBe('STALE_VERSION');
  });

  it('drop out when their target is archived', async () => {
    ok(await declare('psych-national', { continuesToIds: [id('to-archive'), id('legal-nord')] }));
    ok(
      await api.gql(
        `mutation($id: ID!, $v: Int!) { archiveService(id: $id, expectedVersion: $v) { id } }`,
        { id: id('to-archive'), v: await versionOf(id('to-archive')) },
        tokens.editorA,
      ),
    );
    const read = ok(
      await api.gql<{ service: { continuesTo: { id: string }[] } }>(
        `query($id: ID!) { service(id: $id) { continuesTo { id } } }`,
        { id: id('psych-national') },
      ),
    );
    expect(read.service.continuesTo).toEqual([{ id: id('legal-nord') }]);
    const archived = errorOf(await declare('psych-nord', { continuesToIds: [id('to-archive')] }));
    expect(archived.extensions.unknownPositions).toEqual([0]);
  });

  it('are followed by the plan, declared ones first, and a declared cycle (A → B → A) ends', async () => {
    ok(
      await declare('rape-nord', {
        continuesToIds: [id('psych-national'), id('network-nord')],
      }),
    );
    ok(await declare('network-nord', { continuesToIds: [id('rape-nord')] }));
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['acute-examination-after-rape'],
      municipalityCode: '851',
    });
    expect(shape(p)).toEqual([
      [
        'SUPPORT',
        [
          ['psychological-treatment', ['psych-national', 'psych-nord']],
          ['legal-advice', ['legal-nord', 'legal-national']],
          ['network-support', ['network-nord']],
        ],
      ],
    ]);
    const [psych, , network] = p.phases[0].steps;
    expect(psych.options[0].reasons[0]).toBe(
      'Center for voldtægtsofre Nord oplyser, at deres klienter typisk fortsætter her',
    );
    expect(network).toMatchObject({
      after: [],
      reason: 'Center for voldtægtsofre Nord oplyser, at deres klienter typisk fortsætter hertil',
    });
  });
});

describe('cost', () => {
  it('takes the same single database round trip as the referral', async () => {
    const input = {
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay', 'stay-with-children'],
      municipalityCode: '461',
      accompanyingChildren: [4, 9],
      languages: ['ar'],
    };
    const spy = jest.spyOn(Neo4jService.prototype, 'read');
    try {
      ok(await api.gql('{ serviceTypes { code } regions { code } }')); // warm the caches
      ok(await sendPlan(input)); // and the cached services
      spy.mockClear();
      ok(
        await api.gql(
          `query($input: ReferralInput!) { referral(input: $input) { options { service { id } } } }`,
          { input },
        ),
      );
      // the catalogue stamp: candidates and returned services come from the snapshot at it
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockClear();
      ok(await sendPlan(input));
      // the plan's later steps read the same snapshot
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('bad input', () => {
  it('lists every unknown code', async () => {
    const err = errorOf(
      await sendPlan({ targetGroupCodes: ['women', 'martians'], needCodes: ['teleport'] }),
    );
    expect(err.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input',
      unknownTargetGroupPositions: [1],
      unknownNeedPositions: [0],
    });
  });
});
