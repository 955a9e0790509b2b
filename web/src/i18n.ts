import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'da' | 'en';

/**
 * A listing's field labels, keyed by the fields the partner form sends: the detail view, the
 * partner form and the change log all label a field with these words.
 */
const daListing = {
  name: 'Navn',
  description: 'Beskrivelse',
  typeCode: 'Type',
  targetGroupCodes: 'Målgrupper',
  needCodes: 'Hjælper med',
  address: 'Adresse',
  street: 'Gade og nummer',
  postalCode: 'Postnummer',
  city: 'By',
  coverage: 'Dækker',
  national: 'Hele landet',
  phone: 'Telefon',
  professionalPhone: 'Direkte linje for fagpersoner',
  email: 'E-mail',
  website: 'Hjemmeside',
  openingHours: 'Åbningstider',
  open24h: 'Døgnåben',
  anonymous: 'Kan bruges anonymt',
  referralRoutes: 'Hvordan man kommer ind',
  minAge: 'Mindste alder',
  maxAge: 'Højeste alder',
  acceptsChildren: 'Tager børn med',
  languages: 'Sprog',
  wheelchairAccessible: 'Trinfri adgang',
  freePlaces: 'Ledige pladser',
  totalPlaces: 'Pladser i alt',
};

export type ListingLabels = typeof daListing;

const enListing: ListingLabels = {
  name: 'Name',
  description: 'Description',
  typeCode: 'Type',
  targetGroupCodes: 'Target groups',
  needCodes: 'Helps with',
  address: 'Address',
  street: 'Street and number',
  postalCode: 'Postal code',
  city: 'City',
  coverage: 'Covers',
  national: 'The whole country',
  phone: 'Phone',
  professionalPhone: 'Direct line for professionals',
  email: 'E-mail',
  website: 'Website',
  openingHours: 'Opening hours',
  open24h: 'Open day and night',
  anonymous: 'Can be used anonymously',
  referralRoutes: 'How people get in',
  minAge: 'Minimum age',
  maxAge: 'Maximum age',
  acceptsChildren: 'Takes children along',
  languages: 'Languages',
  wheelchairAccessible: 'Step-free access',
  freePlaces: 'Free places',
  totalPlaces: 'Places in total',
};

export const LISTING_LABELS: Record<Lang, ListingLabels> = { da: daListing, en: enListing };

const da = {
  listing: daListing,
  appName: 'Henvis',
  tagline: 'Hvor skal en person udsat for vold i nære relationer henvises hen?',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  nav: 'Visninger',
  navRefer: 'Henvis',
  navSearch: 'Søg',
  navPartner: 'Partner',
  demoNotice:
    'Demonstrationsdata: tilbuddene her er eksempler, ikke et verificeret register. Brug dem ikke til rigtige henvisninger.',
  loading: 'Henter…',
  loadFailed: 'Henvis kunne ikke hente data. Prøv igen om lidt.',
  retry: 'Prøv igen',

  emergencyLabel: 'Akut hjælp',
  emergency112: 'Akut fare',
  emergency1888: 'Hotline om vold, døgnet rundt',
  emergency114: 'Politi, ikke akut',
  demoLabel: 'Demonstrationsdata',
  extras: 'Mere om personen (valgfrit)',
  extrasHint: 'Alder, børn, sprog, trinfri adgang m.m.',
  errorSummary: 'Ret dette først:',
  answerLost:
    'Svaret gemmes ikke, så det er væk efter en genindlæsning. Udfyld oplysningerne igen.',
  editInput: 'Ret oplysninger',
  announceResult: (n: number, first: string | null) =>
    n === 0
      ? 'Ingen steder fundet.'
      : `${n === 1 ? '1 sted' : `${n} steder`} fundet. Nr. 1: ${first ?? ''}.`,
  printTitle: 'Henvisning: steder og næste skridt',
  printedAt: (when: string) => `Udskrevet ${when}`,
  dataAsOf: (when: string) => `Data og ledige pladser pr. ${when}`,
  printNoPerson: 'Udskriften indeholder ingen oplysninger om personen.',
  notes: 'Noter',
  moreAbout: (name: string) => `Mere om ${name}`,
  filtersCount: (n: number) => (n === 0 ? 'Afgræns' : `Afgræns (${n} valgt)`),
  noHitsHint: 'Prøv færre ord, eller fjern et filter.',
  toSearch: 'Til søgningen',
  skip: 'Gå til indhold',
  unauthenticated:
    'Den gemte nøgle virker ikke (forkert eller tilbagekaldt). Glem den under Partner, eller indsæt en ny.',

  referTitle: 'Hvem skal henvises, og til hvad?',
  referIntro:
    'Oplysningerne bliver kun i denne fane: de gemmes ikke, logges ikke og sættes aldrig i adressen.',
  who: '1. Hvem',
  whoHint: 'En eller flere. En bredere gruppe omfatter de smallere efter den.',
  what: '2. Hvad er der brug for',
  otherNeeds: 'Andet',
  where: '3. Hvor',
  municipality: 'Kommune',
  municipalityHint: 'Skriv de første bogstaver og vælg på listen.',
  unknownMunicipality: 'Vælg en kommune fra listen.',
  useMyPosition: 'Brug min position',
  positionInUse: 'Din position bruges (nærmeste kommune findes af Henvis).',
  positionClear: 'Brug kommune i stedet',
  positionUnavailable: 'Din position kunne ikke bestemmes. Vælg en kommune i stedet.',
  gettingPosition: 'Finder position…',
  age: 'Alder',
  ageHint: 'Personens alder i år (valgfrit).',
  children: 'Børn der kommer med',
  addChild: 'Tilføj barn',
  childAge: (n: number) => `Barn ${n}: alder`,
  childBoy: (n: number) => `Barn ${n} er en dreng`,
  removeChild: (n: number) => `Fjern barn ${n}`,
  noChildren: 'Ingen børn tilføjet.',
  childrenAtHome: 'Børn der bor i hjemmet',
  childrenAtHomeHint: 'Børn der ikke kommer med, men bor i hjemmet og ser eller hører volden.',
  addChildAtHome: 'Tilføj barn i hjemmet',
  childAtHomeAge: (n: number) => `Barn i hjemmet ${n}: alder`,
  removeChildAtHome: (n: number) => `Fjern barn i hjemmet ${n}`,
  noChildrenAtHome: 'Ingen børn i hjemmet tilføjet.',
  keepAway: 'Steder personen skal holdes væk fra',
  keepAwayLabel: 'Tilføj et sted',
  keepAwayHint:
    'Fx hvor familien eller en stalker bor, højst 5. Steder der eller tæt på kommer sidst. Kommer aldrig med på udskriften.',
  keepAwayAdd: 'Tilføj',
  keepAwayRemove: (name: string) => `Fjern ${name}`,
  keepAwayFull: 'Der er valgt 5 kommuner, det højeste antal.',
  languages: 'Sprog personen taler',
  wheelchair: 'Har brug for trinfri adgang (kørestol)',
  selfReferralOnly: 'Kun steder personen selv kan kontakte',
  findPlaces: 'Find steder',
  searching: 'Finder steder…',
  pickGroupAndNeed: 'Vælg mindst én målgruppe og ét behov.',
  badAge: 'Alder skal være et helt tal fra 0 til 120.',
  badChildAge: 'Et barns alder skal være et helt tal fra 0 til 17.',
  resultTitle: 'Forslag',
  resultFor: (place: string) => `For en person i ${place}`,
  resultNoPlace: 'Uden sted: kun landsdækkende tilbud',
  guidance: 'Vigtigt først',
  options: 'Hvor kan personen henvises',
  noOptions: 'Ingen tilbud passer. Prøv færre behov eller et bredere sted.',
  why: 'Hvorfor',
  nextSteps: 'Gør nu',
  call: (phone: string) => `Ring ${phone}`,
  professionalLine: (phone: string) => `Direkte linje for fagpersoner: ${phone}`,
  distance: (km: number) => `${km.toLocaleString('da-DK', { maximumFractionDigits: 0 })} km væk`,
  rank: (n: number) => `Nr. ${n}`,
  availability: {
    AVAILABLE: 'Ledige pladser',
    FULL: 'Fuldt optaget',
    STALE: 'Ring først',
    UNKNOWN: 'Melder ikke pladser',
    NO_PLACES: '',
  },
  freePlaces: (free: number, total: number) => `${free} af ${total} pladser ledige`,
  coverage: {
    MUNICIPALITY: 'I kommunen',
    REGION: 'I regionen',
    NATIONAL: 'Landsdækkende',
    OUTSIDE_AREA: 'Uden for området',
  },
  unmetNeeds: 'Behov uden tilbud i området',
  nearest: 'Nærmeste sted',
  noneAnywhere: 'Intet tilbud i hele landet.',
  planTitle: 'Hvad kommer bagefter',
  planIntro: 'De næste skridt efter handleplanernes faser, med de første steder til hvert.',
  phases: {
    DETECTION: 'Opsporing og forebyggelse',
    SUPPORT: 'Behandling, støtte og omsorg',
    AFTERCARE: 'Efterværn og udslusning',
  },
  stepOptions: (need: string) => `Steder til ${need}`,
  noStepOptions: 'Intet sted fundet til dette skridt.',
  /** On paper, without the municipality's name: the printout must not tell where she lives. */
  municipalServicePrint: {
    JOB_CENTRE: 'Kommunens jobcenter: arbejde og uddannelse',
    HOUSING_ALLOCATION: 'Kommunens boliganvisning: en bolig',
    LANGUAGE_CENTRE: 'Kommunens sprogcenter: danskundervisning',
    CITIZEN_SERVICE: 'Kommunens borgerservice: kontakt med myndigheder',
  },
  ifFull: 'Hvis der er fuldt, prøv',
  print: 'Udskriv',
  printHint: 'Udskriften viser kun steder, skridt og vejledning: intet om personen.',
  demoBadge: 'Demo',
  showDetails: (name: string) => `Detaljer om ${name}`,

  searchTitle: 'Søg i tilbud',
  searchLabel: 'Søgeord',
  searchHint: 'Fx "krisecenter odense" eller "juridisk rådgivning arabisk". Stavefejl er tilladt.',
  searchButton: 'Søg',
  hits: (n: number) => (n === 1 ? '1 tilbud' : `${n} tilbud`),
  noHits: 'Ingen tilbud matcher.',
  filters: 'Afgræns',
  clearFilters: 'Ryd filtre',
  facetTypes: 'Type',
  facetRegions: 'Region',
  facetGroups: 'Målgruppe',
  facetNeeds: 'Behov',
  facetLanguages: 'Sprog',
  allRegions: 'Alle regioner',
  nextPage: 'Næste side',
  previousPage: 'Forrige side',
  page: (n: number) => `Side ${n}`,
  emptyQuery: 'Skriv mindst ét søgeord.',

  detailTitle: 'Tilbud',
  back: 'Tilbage',
  organisation: 'Organisation',
  addressSecret: 'Hemmelig adresse: aftal ankomsten pr. telefon.',
  location: 'Ligger i',
  selfReferral: 'Personen kan selv henvende sig',
  ages: 'Alder',
  ageRange: (min: number | null, max: number | null) =>
    min !== null && max !== null
      ? `${min}–${max} år`
      : min !== null
        ? `Fra ${min} år`
        : max !== null
          ? `Til ${max} år`
          : 'Alle aldre',
  maxBoyAge: (n: number) => `Drenge op til ${n} år`,
  wheelchairYes: 'Trinfri adgang',
  wheelchairNo: 'Ikke trinfri adgang',
  wheelchairUnknown: 'Trinfri adgang ukendt',
  places: 'Pladser',
  verifiedAt: 'Sidst bekræftet',
  never: 'Aldrig',
  yes: 'Ja',
  no: 'Nej',
  notFound: 'Tilbuddet findes ikke (længere).',

  partnerTitle: 'Partner: jeres egne tilbud',
  token: 'Nøgle',
  useToken: 'Brug nøglen',
  forgetToken: 'Glem nøglen',
  reportedAt: (when: string) => `meldt ${when}`,
  staleSave:
    'Nogen anden har ændret dette tilbud, mens du redigerede. Dine ændringer er ikke gemt. Hent den nyeste version og ret igen.',
  error: (message: string) => `Fejl: ${message}`,
  forbidden: 'Nøglen må ikke dette.',
};

export type Messages = typeof da;

const en: Messages = {
  listing: enListing,
  appName: 'Henvis',
  tagline: 'Where should a person exposed to violence in a close relationship be referred?',
  switchLanguage: 'Dansk',
  switchLanguageLabel: 'Skift til dansk',
  nav: 'Views',
  navRefer: 'Refer',
  navSearch: 'Search',
  navPartner: 'Partner',
  demoNotice:
    'Demonstration data: the services here are examples, not a verified directory. Do not use them for real referrals.',
  loading: 'Loading…',
  loadFailed: 'Henvis could not load its data. Try again shortly.',
  retry: 'Try again',

  emergencyLabel: 'Urgent help',
  emergency112: 'Danger now',
  emergency1888: 'Violence hotline, day and night',
  emergency114: 'Police, not urgent',
  demoLabel: 'Demonstration data',
  extras: 'More about the person (optional)',
  extrasHint: 'Age, children, languages, step-free access and more',
  errorSummary: 'Fix this first:',
  answerLost: 'The answer is not stored, so a reload loses it. Fill in the details again.',
  editInput: 'Change the details',
  announceResult: (n: number, first: string | null) =>
    n === 0
      ? 'No places found.'
      : `${n === 1 ? '1 place' : `${n} places`} found. No. 1: ${first ?? ''}.`,
  printTitle: 'Referral: places and next steps',
  printedAt: (when: string) => `Printed ${when}`,
  dataAsOf: (when: string) => `Data and free places as of ${when}`,
  printNoPerson: 'This printout holds nothing about the person.',
  notes: 'Notes',
  moreAbout: (name: string) => `More about ${name}`,
  filtersCount: (n: number) => (n === 0 ? 'Narrow down' : `Narrow down (${n} chosen)`),
  noHitsHint: 'Try fewer words, or remove a filter.',
  toSearch: 'To the search',
  skip: 'Skip to content',
  unauthenticated:
    'The stored token does not work (wrong or revoked). Forget it under Partner, or paste a new one.',

  referTitle: 'Who is to be referred, and for what?',
  referIntro:
    'The details stay in this tab only: they are not stored, not logged and never put in the address.',
  who: '1. Who',
  whoHint: 'One or more. A broader group includes the narrower ones after it.',
  what: '2. What is needed',
  otherNeeds: 'Other',
  where: '3. Where',
  municipality: 'Municipality',
  municipalityHint: 'Type the first letters and pick from the list.',
  unknownMunicipality: 'Pick a municipality from the list.',
  useMyPosition: 'Use my position',
  positionInUse: 'Your position is used (Henvis finds the nearest municipality).',
  positionClear: 'Use a municipality instead',
  positionUnavailable: 'Your position could not be found. Pick a municipality instead.',
  gettingPosition: 'Finding your position…',
  age: 'Age',
  ageHint: "The person's age in years (optional).",
  children: 'Children coming along',
  addChild: 'Add a child',
  childAge: (n: number) => `Child ${n}: age`,
  childBoy: (n: number) => `Child ${n} is a boy`,
  removeChild: (n: number) => `Remove child ${n}`,
  noChildren: 'No children added.',
  childrenAtHome: 'Children living in the home',
  childrenAtHomeHint:
    'Children who do not come along but live in the home and see or hear the violence.',
  addChildAtHome: 'Add a child at home',
  childAtHomeAge: (n: number) => `Child at home ${n}: age`,
  removeChildAtHome: (n: number) => `Remove child at home ${n}`,
  noChildrenAtHome: 'No children at home added.',
  keepAway: 'Places to keep the person away from',
  keepAwayLabel: 'Add a place',
  keepAwayHint:
    'E.g. where the family or a stalker lives, at most 5. Places there or near come last. Never printed.',
  keepAwayAdd: 'Add',
  keepAwayRemove: (name: string) => `Remove ${name}`,
  keepAwayFull: '5 municipalities are chosen, the most there can be.',
  languages: 'Languages the person speaks',
  wheelchair: 'Needs step-free access (wheelchair)',
  selfReferralOnly: 'Only places the person can contact directly',
  findPlaces: 'Find places',
  searching: 'Finding places…',
  pickGroupAndNeed: 'Choose at least one target group and one need.',
  badAge: 'Age must be a whole number from 0 to 120.',
  badChildAge: "A child's age must be a whole number from 0 to 17.",
  resultTitle: 'Suggestions',
  resultFor: (place: string) => `For a person in ${place}`,
  resultNoPlace: 'No place given: nationwide services only',
  guidance: 'First things first',
  options: 'Where the person can be referred',
  noOptions: 'No service fits. Try fewer needs or a wider place.',
  why: 'Why',
  nextSteps: 'Do now',
  call: (phone: string) => `Call ${phone}`,
  professionalLine: (phone: string) => `Direct line for professionals: ${phone}`,
  distance: (km: number) => `${km.toLocaleString('en-GB', { maximumFractionDigits: 0 })} km away`,
  rank: (n: number) => `No. ${n}`,
  availability: {
    AVAILABLE: 'Free places',
    FULL: 'Full',
    STALE: 'Call first',
    UNKNOWN: 'Does not report places',
    NO_PLACES: '',
  },
  freePlaces: (free: number, total: number) => `${free} of ${total} places free`,
  coverage: {
    MUNICIPALITY: 'In the municipality',
    REGION: 'In the region',
    NATIONAL: 'Nationwide',
    OUTSIDE_AREA: 'Outside the area',
  },
  unmetNeeds: 'Needs without a service in the area',
  nearest: 'Nearest place',
  noneAnywhere: 'No service anywhere in the country.',
  planTitle: 'What comes after',
  planIntro:
    'The next steps by the phases of the action plans, with the first places for each step.',
  phases: {
    DETECTION: 'Detection and prevention',
    SUPPORT: 'Treatment, support and care',
    AFTERCARE: 'Aftercare and exit',
  },
  stepOptions: (need: string) => `Places for ${need}`,
  noStepOptions: 'No place found for this step.',
  municipalServicePrint: {
    JOB_CENTRE: "The municipality's job centre: work and education",
    HOUSING_ALLOCATION: "The municipality's housing allocation: a home",
    LANGUAGE_CENTRE: "The municipality's language centre: Danish lessons",
    CITIZEN_SERVICE: "The municipality's citizen service: contact with the authorities",
  },
  ifFull: 'If it is full, try',
  print: 'Print',
  printHint: 'The printout shows only places, steps and guidance: nothing about the person.',
  demoBadge: 'Demo',
  showDetails: (name: string) => `Details of ${name}`,

  searchTitle: 'Search services',
  searchLabel: 'Search words',
  searchHint: 'E.g. "shelter odense" or "legal advice arabic". Typos are fine.',
  searchButton: 'Search',
  hits: (n: number) => (n === 1 ? '1 service' : `${n} services`),
  noHits: 'No service matches.',
  filters: 'Narrow down',
  clearFilters: 'Clear filters',
  facetTypes: 'Type',
  facetRegions: 'Region',
  facetGroups: 'Target group',
  facetNeeds: 'Need',
  facetLanguages: 'Language',
  allRegions: 'All regions',
  nextPage: 'Next page',
  previousPage: 'Previous page',
  page: (n: number) => `Page ${n}`,
  emptyQuery: 'Type at least one word.',

  detailTitle: 'Service',
  back: 'Back',
  organisation: 'Organisation',
  addressSecret: 'Secret address: arrange the arrival by phone.',
  location: 'Located in',
  selfReferral: 'The person can contact it directly',
  ages: 'Age',
  ageRange: (min: number | null, max: number | null) =>
    min !== null && max !== null
      ? `${min}–${max} years`
      : min !== null
        ? `From ${min} years`
        : max !== null
          ? `Up to ${max} years`
          : 'All ages',
  maxBoyAge: (n: number) => `Boys up to ${n} years`,
  wheelchairYes: 'Step-free access',
  wheelchairNo: 'No step-free access',
  wheelchairUnknown: 'Step-free access unknown',
  places: 'Places',
  verifiedAt: 'Last confirmed',
  never: 'Never',
  yes: 'Yes',
  no: 'No',
  notFound: 'The service does not exist (any more).',

  partnerTitle: "Partner: your organisation's services",
  token: 'Token',
  useToken: 'Use the token',
  forgetToken: 'Forget the token',
  reportedAt: (when: string) => `reported ${when}`,
  staleSave:
    'Someone else changed this listing while you were editing. Your changes were not saved. Load the newest version and make them again.',
  error: (message: string) => `Error: ${message}`,
  forbidden: 'The token may not do this.',
};

export const MESSAGES: Record<Lang, Messages> = { da, en };

export const I18n = createContext<{ lang: Lang; t: Messages }>({ lang: 'da', t: da });

export function useI18n(): { lang: Lang; t: Messages } {
  return useContext(I18n);
}

/** A taxonomy or place name in the page's language. */
export function nameIn(lang: Lang, item: { name: string; nameEn?: string | null }): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}

export function formatDate(lang: Lang, iso: string | null | undefined): string | null {
  if (!iso) {
    return null;
  }
  return new Date(iso).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Languages offered in the referral form (ISO 639-1), named in the page's language. */
export const LANGUAGE_CODES = [
  'da',
  'en',
  'ar',
  'tr',
  'so',
  'ur',
  'fa',
  'ps',
  'ku',
  'pl',
  'ro',
  'uk',
  'ru',
  'ti',
  'de',
  'fr',
  'es',
  'th',
  'tl',
  'vi',
] as const;

export function languageName(lang: Lang, code: string): string {
  try {
    const names = new Intl.DisplayNames([lang === 'da' ? 'da' : 'en'], { type: 'language' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
