import { readDemo, writeListings } from '../seed/loader';
import { cypher } from '../src/neo4j/cypher';
import { closeApi, startApi, TestApi } from './support/api';
import { createListings, organisation, uniquePrefix } from './support/factory';
import {
  onlyMunicipality,
  referralNetwork,
  referralOperation,
  region,
} from './support/referral-network';

/*
 * Referral plans and guidance as a midwife, a doctor or a social worker would check them: on the
 * demonstration seed (services named as the seed names them) and on a purpose-built graph
 * (services `${P}-<key>`, answers filtered to them).
 */
const demo = readDemo();
const P = uniquePrefix('expert-plan');
const ORG = `${P}-org`;
const { mine, kind, listing } = referralNetwork(P, ORG);

const OPTION = `rank service { id name } reasons`;
const PLAN = `query($input: ReferralInput!, $language: Language) {
  referralPlan(input: $input, language: $language) {
    referral {
      options { ${OPTION} }
      followUps { need { code } options { ${OPTION} } municipalService { kind municipality { code } text } }
      guidance { code text }
    }
    phases {
      phase
      steps {
        need { code }
        reason
        options { ${OPTION} }
        municipalService { kind municipality { code } text }
      }
    }
  }
}`;

interface OptionOut {
  rank: number;
  service: { id: string; name: string };
  reasons: string[];
}
interface MunicipalOut {
  kind: string;
  municipality: { code: string };
  text: string;
}
interface StepOut {
  need: { code: string };
  reason: string;
  options: OptionOut[];
  municipalService: MunicipalOut | null;
}
interface PlanOut {
  referral: {
    options: OptionOut[];
    followUps: {
      need: { code: string };
      options: OptionOut[];
      municipalService: MunicipalOut | null;
    }[];
    guidance: { code: string; text: string }[];
  };
  phases: { phase: string; steps: StepOut[] }[];
}

let api: TestApi;

const LISTINGS = [
  // Vejle (630): a child service for 4-17-year-olds, a family service, a perpetrator programme
  kind.childSupport('children-vejle', 'Børnegruppe Vejle', '630', {
    coverage: onlyMunicipality('630'),
    minAge: 4,
    maxAge: 17,
  }),
  kind.familyCounselling('family-vejle', 'Familiebehandling Vejle', '630', {
    needCodes: ['family-treatment'],
    coverage: onlyMunicipality('630'),
  }),
  kind.perpetratorProgramme('programme-vejle', 'Voldsbehandling Vejle', '630', {
    targetGroupCodes: ['perpetrators', 'families'],
    needCodes: ['perpetrator-treatment', 'family-treatment'],
    coverage: region('1083'),
  }),
  listing('jobs-region', {
    name: 'Jobhjælp Syddanmark',
    targetGroupCodes: ['women'],
    needCodes: ['work-and-education'],
    coverage: region('1083'),
    municipalityCode: '561',
  }),
];

beforeAll(async () => {
  api = await startApi();
  await writeListings(api.neo, demo);
  await createListings(api.neo, [organisation(ORG, { name: 'Expert Plan Org' })], LISTINGS);
});

afterAll(async () => {
  await api.neo.write(
    cypher`UNWIND $ids AS id MATCH (n) WHERE (n:Service OR n:Organisation) AND n.id = id DETACH DELETE n`,
    { ids: [...demo.services.map((s) => s.id), ...demo.organisations.map((o) => o.id)] },
  );
  await closeApi(api, P);
});

const { answer: plan } = referralOperation<'referralPlan', PlanOut>(
  () => api,
  PLAN,
  'referralPlan',
);

const SEED_NAMES = new Set(demo.services.map((s) => s.name));
/** The names of the seed's services among the options, in order (this file's own left out). */
const names = (options: OptionOut[]): string[] =>
  options.map((o) => o.service.name).filter((n) => SEED_NAMES.has(n));
const step = (p: PlanOut, code: string): StepOut => {
  const found = p.phases.flatMap((ph) => ph.steps).find((s) => s.need.code === code);
  if (!found) {
    throw new Error(`no step ${code}`);
  }
  return found;
};
/** Every service the next steps name: the referral's follow-ups and the plan's steps. */
const nextSteps = (p: PlanOut): string[] =>
  names([
    ...p.referral.followUps.flatMap((f) => f.options),
    ...p.phases.flatMap((ph) => ph.steps.flatMap((s) => s.options)),
  ]);
const codes = (p: PlanOut): string[] => p.referral.guidance.map((g) => g.code);
const guidance = (p: PlanOut, code: string): string =>
  p.referral.guidance.find((g) => g.code === code)?.text ?? '';

describe('a midwife: a pregnant woman of 28 in Odense with her 3-year-old, who needs a shelter', () => {
  const input = {
    targetGroupCodes: ['women', 'pregnant-women'],
    needCodes: ['emergency-stay', 'stay-with-children'],
    municipalityCode: '461',
    age: 28,
    accompanyingChildren: [3],
  };

  it('finds the child’s psychologist in Odense, matched on the child', async () => {
    const p = await plan(input);
    expect(names(step(p, 'child-psychological-treatment').options)).toEqual([
      'Demo Børn og vold Odense',
    ]);
    // and so do the referral's own next steps
    const next = p.referral.followUps.find((f) => f.need.code === 'child-psychological-treatment');
    expect(names(next?.options ?? [])).toEqual(['Demo Børn og vold Odense']);
  });

  it('offers family treatment only from a service that takes victims, after safety, never a perpetrator programme', async () => {
    const p = await plan(input);
    const family = step(p, 'family-treatment');
    expect(names(family.options)).toEqual(['Demo Familierådgivning Aabenraa']);
    expect(family.reason).toBe(
      'Kommer typisk efter ophold med børn. Først når personen er i sikkerhed: par- eller familiesamtaler, mens volden står på, frarådes',
    );
    expect(
      names(p.referral.options)
        .concat(nextSteps(p))
        .filter((n) => n.startsWith('Dialog mod Vold')),
    ).toEqual([]);
  });

  it('is told of the duty to notify for the child and for the unborn child', async () => {
    const p = await plan(input);
    expect(codes(p)).toEqual([
      'DANGER_CALL_112',
      'SHELTER_PLACES_1888',
      'DUTY_TO_NOTIFY',
      'DUTY_TO_NOTIFY_UNBORN',
    ]);
    expect(guidance(p, 'DUTY_TO_NOTIFY_UNBORN')).toContain('allerede under graviditeten');
    expect(guidance(p, 'DUTY_TO_NOTIFY_UNBORN')).toContain('Barnets lov § 133');
  });

  it('answers aftercare in Odense: the listed local services, then Odense’s own, never a shelter across the country', async () => {
    const p = await plan(input);
    const aftercare = p.phases.find((ph) => ph.phase === 'AFTERCARE')?.steps ?? [];
    expect(
      aftercare.map((s) => [s.need.code, names(s.options), s.municipalService?.kind ?? null]),
    ).toEqual([
      ['housing', ['Demo Krisecenter Odense'], 'HOUSING_ALLOCATION'],
      ['work-and-education', [], 'JOB_CENTRE'],
      [
        'authority-contact',
        ['Demo Interventionscenter Fyn', 'Demo Krisecenter Odense'],
        'CITIZEN_SERVICE',
      ],
    ]);
    expect(step(p, 'work-and-education').municipalService).toEqual({
      kind: 'JOB_CENTRE',
      municipality: { code: '461' },
      text: 'Odense Kommunes jobcenter hjælper med arbejde og uddannelse',
    });
    // the referral's own next steps say the same
    const work = p.referral.followUps.find((f) => f.need.code === 'work-and-education');
    expect(work?.options).toEqual([]);
    expect(work?.municipalService?.kind).toBe('JOB_CENTRE');
  });
});

describe('a social worker: a woman in Odense who speaks Arabic, leaving a shelter', () => {
  it('finds the Danish lessons listed in Odense before the language centre', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '461',
      languages: ['ar'],
    });
    const lessons = step(p, 'danish-language');
    expect(names(lessons.options)).toEqual(['Demo Krisecenter Odense']);
    expect(lessons.municipalService?.text).toBe(
      'Odense Kommunes sprogcenter tilbyder danskundervisning',
    );
  });
});

describe('a social worker: a woman in Aarhus who speaks Arabic, leaving a shelter', () => {
  it('is sent to Aarhus for work, education and Danish lessons, not to a shelter in Frederiksberg', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '751',
      languages: ['ar'],
    });
    const aftercare = p.phases.find((ph) => ph.phase === 'AFTERCARE')?.steps ?? [];
    expect(
      aftercare.map((s) => [s.need.code, names(s.options), s.municipalService?.kind ?? null]),
    ).toEqual([
      ['housing', ['Demo Krisecenter Aarhus'], 'HOUSING_ALLOCATION'],
      ['work-and-education', [], 'JOB_CENTRE'],
      ['danish-language', [], 'LANGUAGE_CENTRE'],
      [
        'authority-contact',
        ['Demo Interventionscenter Østjylland', 'Demo Krisecenter Aarhus'],
        'CITIZEN_SERVICE',
      ],
    ]);
    expect(nextSteps(p)).not.toContain('Demo Krisecenter for minoritetskvinder');
  });
});

describe('a doctor: a man of 30 in Odense after a rape', () => {
  const input = {
    targetGroupCodes: ['men'],
    needCodes: ['acute-examination-after-rape'],
    municipalityCode: '461',
    age: 30,
  };

  it('hears of the free victims’ counsel through the police, and still gets legal advice', async () => {
    const p = await plan(input);
    expect(codes(p)).toEqual(['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL']);
    expect(guidance(p, 'VICTIMS_COUNSEL')).toBe(
      'Bistandsadvokat: efter voldtægt eller anden vold har den voldsudsatte ret til en gratis bistandsadvokat. Bed politiet om en, når forholdet anmeldes; politiet sørger for, at retten beskikker advokaten (retsplejeloven § 741 a).',
    );
    const legal = step(p, 'legal-advice');
    expect(legal.reason).toBe(
      'Kommer typisk efter akut undersøgelse efter voldtægt. Ret til en gratis bistandsadvokat gennem politiet; skilsmisse og forældremyndighed, når der spørges om det',
    );
    expect(names(legal.options)).toEqual(['Demo Retshjælp Syd']);
  });

  it('in English', async () => {
    const p = await plan(input, 'EN');
    expect(guidance(p, 'VICTIMS_COUNSEL')).toMatch(/^Victims’ counsel: after a rape/);
  });
});

describe('a doctor: a mother of two in Aarhus whose children, 2 and 7, are at home', () => {
  const input = {
    targetGroupCodes: ['women'],
    needCodes: ['social-counselling'],
    municipalityCode: '751',
    childrenAtHome: [2, 7],
  };

  it('is told of the duty to notify as the law puts it for professionals: a suspicion is enough', async () => {
    const p = await plan(input);
    expect(codes(p)).toEqual(['DUTY_TO_NOTIFY']);
    expect(guidance(p, 'DUTY_TO_NOTIFY')).toBe(
      'Underretningspligt: får du som fagperson kendskab til eller grund til at antage, at et barn eller en ung under 18 år udsættes for vold eller lever i et hjem med vold, skal du underrette barnets kommune. En mistanke er nok; du skal ikke selv undersøge sagen (Barnets lov § 133, tidligere serviceloven § 153).',
    );
  });

  it('gets a step for the children, matched on their ages', async () => {
    const p = await plan(input);
    const children = step(p, 'child-psychological-treatment');
    expect(children.reason).toBe(
      'Børnene i hjemmet: børn, der overværer vold, er selv udsat for vold og kan have brug for hjælp',
    );
    // Børneterapi Midt takes children from 4: the 7-year-old
    expect(names(children.options)).toEqual(['Demo Børneterapi Midt']);
  });
});

describe('a midwife: a pregnant woman of 22 in danger in Aalborg', () => {
  it('is told of the duty to notify about the unborn child', async () => {
    const p = await plan({
      targetGroupCodes: ['pregnant-women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '851',
      age: 22,
    });
    expect(codes(p)).toEqual(['DANGER_CALL_112', 'SHELTER_PLACES_1888', 'DUTY_TO_NOTIFY_UNBORN']);
    expect(guidance(p, 'DUTY_TO_NOTIFY_UNBORN')).toMatch(/^Underretning før fødslen/);
  });
});

describe('a social worker: a woman in Aarhus who speaks only Persian, asking for counselling', () => {
  it('is told the first options do not speak Persian, to book an interpreter, and which place near does', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['social-counselling'],
      municipalityCode: '751',
      languages: ['fa'],
    });
    expect(codes(p)).toEqual(['INTERPRETER']);
    expect(guidance(p, 'INTERPRETER')).toBe(
      'De første tilbud taler ikke persisk: bestil en tolk til samtalen (alle offentlige tilbud kan bestille en tolk), og brug ikke familie eller børn som tolk. Demo Rådgivning for kvinder Randers i nærheden taler persisk.',
    );
  });

  it('without a place near that speaks it, says only to book an interpreter', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '461',
      languages: ['so'],
    });
    expect(guidance(p, 'INTERPRETER')).toBe(
      'De første tilbud taler ikke somali: bestil en tolk til samtalen (alle offentlige tilbud kan bestille en tolk), og brug ikke familie eller børn som tolk.',
    );
  });

  it('says nothing of interpreters when she speaks Danish too', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['social-counselling'],
      municipalityCode: '751',
      languages: ['fa', 'da'],
    });
    expect(codes(p)).toEqual([]);
  });
});

describe('a woman fleeing her family in Odense, who must keep away from it', () => {
  it('gets no aftercare in Odense first, and no Odense municipal answer', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '461',
      keepAwayFrom: ['461'],
      languages: ['ar'],
    });
    const aftercare = p.phases.find((ph) => ph.phase === 'AFTERCARE')?.steps ?? [];
    expect(aftercare.map((s) => s.municipalService)).toEqual([null, null, null, null]);
    expect(names(step(p, 'danish-language').options)).toEqual([
      'Demo Krisecenter for minoritetskvinder',
      'Demo Krisecenter Odense',
    ]);
    expect(names(step(p, 'authority-contact').options).at(-1)).toBe('Demo Interventionscenter Fyn');
    // the interpreter advice names no place in Odense
    expect(guidance(p, 'INTERPRETER')).not.toContain('Odense');
  });
});

describe('on a purpose-built graph: a woman in Vejle with children', () => {
  it('the child’s age limits hold: a 3-year-old is not sent to a group from 4, a 5-year-old is', async () => {
    const base = {
      targetGroupCodes: ['women'],
      needCodes: ['stay-with-children'],
      municipalityCode: '630',
      age: 35,
    };
    const small = await plan({ ...base, accompanyingChildren: [3] });
    expect(mine(step(small, 'child-psychological-treatment').options)).toEqual([]);
    const older = await plan({ ...base, accompanyingChildren: [5] });
    expect(mine(step(older, 'child-psychological-treatment').options)).toEqual(['children-vejle']);
  });

  it('family treatment comes from the family service, never from the perpetrator programme', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['stay-with-children'],
      municipalityCode: '630',
      accompanyingChildren: [5],
    });
    expect(mine(step(p, 'family-treatment').options)).toEqual(['family-vejle']);
    expect(p.phases.flatMap((ph) => ph.steps.flatMap((s) => mine(s.options)))).not.toContain(
      'programme-vejle',
    );
  });

  it('for a perpetrator, the programme is offered for family treatment, with no word of safety', async () => {
    const p = await plan({
      targetGroupCodes: ['perpetrators'],
      needCodes: ['perpetrator-treatment'],
      municipalityCode: '630',
    });
    const family = step(p, 'family-treatment');
    expect(mine(family.options)).toEqual(['programme-vejle']);
    expect(family.reason).toBe('Kommer typisk efter behandling af voldsudøvere');
  });

  it('a regional work service comes only after nothing local, and never before the municipality', async () => {
    const p = await plan({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      municipalityCode: '630',
    });
    const work = step(p, 'work-and-education');
    expect(mine(work.options)).toEqual([]);
    expect(work.municipalService?.text).toBe(
      'Vejle Kommunes jobcenter hjælper med arbejde og uddannelse',
    );
  });
});
