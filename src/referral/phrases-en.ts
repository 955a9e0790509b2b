import { paren, Phrases } from './phrases';

/** The answer's sentences in English. */
/** A municipality as an authority, by code where its English name is not "<name> Municipality". */
const AUTHORITY_NAMES: Record<string, string> = {
  '101': 'Copenhagen Municipality',
  '400': 'Bornholm Regional Municipality',
};

export const EN: Phrases = {
  locale: 'en',
  or: 'or',
  and: 'and',
  named: (node) => node.nameEn,
  regionName: (region) => region.nameEn,
  serves: (groups) => `Serves ${groups}`,
  offers: (need) => `Helps with ${need}`,
  partly: (need, via) => `Partly helps with ${need}: ${via}`,
  freePlaces: (n) => (n === 1 ? '1 free place' : `${n} free places`),
  full: 'No free places now',
  stale: (hours) => `Places last reported over ${hours} hours ago: call first`,
  open24h: 'Open day and night',
  anyVictim: 'Helps anyone exposed to violence with this, not only its own groups',
  keepAway: (places) => `In or near ${places}, which the person must keep away from`,
  locatedIn: (place) => `Located in ${place}`,
  covers: (place) => `Covers ${place}`,
  inRegion: (region) => `In ${region}`,
  national: 'Nationwide',
  outside: (needs) => `Outside the area: nothing in the area helps with ${needs}`,
  speaks: (languages) => `Speaks ${languages}`,
  kmFrom: (km, place) => `${km} km from ${place}`,
  kmAway: (km) => (km < 1 ? 'Less than 1 km away' : `${km} km away`),
  ages: (min, max) =>
    min !== null && max !== null
      ? `Ages ${min}-${max}`
      : min !== null
        ? `Ages ${min} and over`
        : `Up to age ${max ?? ''}`,
  childrenWelcome: 'Children can come along',
  boysUpTo: (age) => `Boys only up to age ${age}: ask if an older boy comes along`,
  stepFree: 'Step-free access',
  stepFreeUnknown: 'Step-free access unknown',
  dayAndNight: 'day and night',
  selfCall: (phone, when) => `The person can call ${phone} directly${paren(when)}`,
  selfContact: 'The person can contact them directly',
  professionalCall: (phone, when) => `You refer as a professional: call ${phone}${paren(when)}`,
  professionalRefers: 'You refer as a professional',
  professionalAlso: 'You can also refer as a professional',
  municipalityRefersChild:
    "The municipality refers: contact the family's municipality (children and young people's caseworker)",
  municipalityRefers:
    "The municipality refers: contact the person's municipality (social services)",
  municipalityAlso: 'The municipality can also refer',
  policeRefers: 'The police or the municipality refers after a removal from the home',
  policeAlso: 'The police can also refer',
  website: (url) => `See ${url}`,
  email: (address) => `Write to ${address}`,
  anonymous: 'The person can stay anonymous',
  callFirst: 'Call first to ask whether a place is free',
  fullNow: 'Full now: ask when a place frees up, or try the next option',
  secretAddress: 'The address is secret: arrange the arrival by phone',
  confirmedLongAgo: (date) => `Last confirmed ${date}: call and check`,
  continuesFrom: (service) => `${service} says its clients usually continue here`,
  ifFullFrom: (service) => `${service} refers here when it is full`,
  stepAfter: (needs) => `Usually follows ${needs}`,
  stepDeclared: (services) => `${services} says its clients usually continue to this`,
  guidance: {
    DANGER_CALL_112:
      'If there is danger now, call 112. The police can remove the violent person from the home and issue a restraining order; non-urgent: call 114.',
    SHELTER_PLACES_1888:
      'Free shelter places across the country: Lev Uden Vold on 1888 (day and night, free and anonymous) keeps the overview and also advises professionals.',
    RAPE_ACUTE_EXAMINATION:
      'After rape: go to a centre for victims of rape as soon as possible. Evidence is best secured within 72 hours, so if possible avoid washing or changing clothes first. No police report is required to be examined and treated.',
    VICTIMS_COUNSEL:
      'Victims’ counsel: after a rape or other violence the victim has the right to a free victims’ counsel (bistandsadvokat). Ask the police for one when the offence is reported; the police see to it that the court appoints the lawyer (Retsplejeloven § 741 a).',
    DUTY_TO_NOTIFY:
      "Duty to notify: a professional who learns or has reason to believe that a child or young person under 18 is exposed to violence or lives in a home with violence must notify the child's municipality. A suspicion is enough; you need not investigate yourself (Barnets lov § 133, formerly Serviceloven § 153).",
    DUTY_TO_NOTIFY_UNBORN:
      'Notification before birth: a professional who learns or has reason to believe that a child will need special support right after birth because of the expecting parents’ circumstances, such as violence in the home, must notify the municipality already during the pregnancy (Barnets lov § 133).',
    NO_PLACE_GIVEN:
      'No place was given, so only nationwide services are shown. Give a municipality (municipalityCode) or a position (near) to see services nearby.',
  },
  interpreter: (languages, near) =>
    `The first options do not speak ${languages}: book an interpreter for the conversation (every public service can book one), and do not use family or children as interpreters.` +
    (near ? ` ${near} nearby speaks ${languages}.` : ''),
  stepNotes: {
    CHILDREN_AT_HOME:
      'The children in the home: children who witness violence are themselves exposed to it and may need help',
    AFTER_SAFETY:
      'Only once the person is safe: couple or family sessions while the violence goes on are advised against',
    VICTIMS_COUNSEL:
      'The right to a free victims’ counsel through the police; divorce and custody when asked about',
  },
  municipalService: (municipality, kind) => {
    const authority = AUTHORITY_NAMES[municipality.code] ?? `${municipality.name} Municipality`;
    return {
      JOB_CENTRE: `${authority}'s job centre helps with work and education`,
      HOUSING_ALLOCATION: `${authority}'s housing allocation helps with a home`,
      LANGUAGE_CENTRE: `${authority}'s language centre offers Danish lessons`,
      CITIZEN_SERVICE: `${authority}'s citizen service helps with contact with the authorities`,
    }[kind];
  },
};
