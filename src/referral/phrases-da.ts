import { paren, Phrases } from './phrases';

/** The answer's sentences in Danish. */
/**
 * A municipality as an authority is "<name> Kommune", except the two whose official names differ
 * (by code, as in the municipality register).
 */
const AUTHORITY_NAMES: Record<string, string> = {
  '101': 'Københavns Kommune',
  '400': 'Bornholms Regionskommune',
};

export const DA: Phrases = {
  locale: 'da',
  or: 'eller',
  and: 'og',
  named: (node) => node.name,
  regionName: (region) => region.name,
  serves: (groups) => `Tager imod ${groups}`,
  offers: (need) => `Hjælper med ${need}`,
  partly: (need, via) => `Hjælper delvist med ${need}: ${via}`,
  freePlaces: (n) => (n === 1 ? '1 ledig plads' : `${n} ledige pladser`),
  full: 'Ingen ledige pladser lige nu',
  stale: (hours) => `Pladser sidst meldt for over ${hours} timer siden: ring først`,
  open24h: 'Døgnåben',
  locatedIn: (place) => `Ligger i ${place}`,
  anyVictim: 'Hjælper alle voldsudsatte med dette, ikke kun sin egen målgruppe',
  keepAway: (places) => `Ligger i eller nær ${places}, som personen skal holde sig væk fra`,
  covers: (place) => `Dækker ${place}`,
  inRegion: (region) => `I ${region}`,
  national: 'Landsdækkende',
  outside: (needs) => `Uden for området: intet i området hjælper med ${needs}`,
  speaks: (languages) => `Taler ${languages}`,
  kmFrom: (km, place) => `${km} km fra ${place}`,
  kmAway: (km) => (km < 1 ? 'Under 1 km væk' : `${km} km væk`),
  ages: (min, max) =>
    min !== null && max !== null
      ? `For ${min}-${max}-årige`
      : min !== null
        ? `Fra ${min} år`
        : `Til og med ${max ?? ''} år`,
  childrenWelcome: 'Børn kan komme med',
  boysUpTo: (age) => `Drenge kun til og med ${age} år: spørg, hvis en ældre dreng kommer med`,
  stepFree: 'Trinfri adgang',
  stepFreeUnknown: 'Trinfri adgang ukendt',
  dayAndNight: 'døgnet rundt',
  selfCall: (phone, when) => `Personen kan selv ringe på ${phone}${paren(when)}`,
  selfContact: 'Personen kan selv henvende sig',
  professionalCall: (phone, when) => `Du henviser som fagperson: ring ${phone}${paren(when)}`,
  professionalRefers: 'Du henviser som fagperson',
  professionalAlso: 'Du kan også henvise som fagperson',
  municipalityRefersChild:
    'Kommunen henviser: kontakt familiens kommune (børne- og ungerådgivningen)',
  municipalityRefers: 'Kommunen henviser: kontakt personens kommune (socialrådgivningen)',
  municipalityAlso: 'Kommunen kan også henvise',
  policeRefers: 'Politiet eller kommunen henviser efter en bortvisning fra hjemmet',
  policeAlso: 'Politiet kan også henvise',
  website: (url) => `Se ${url}`,
  email: (address) => `Skriv til ${address}`,
  anonymous: 'Personen kan være anonym',
  callFirst: 'Ring først og spørg, om der er en ledig plads',
  fullNow: 'Fuldt lige nu: spørg, hvornår der bliver plads, eller prøv det næste tilbud',
  secretAddress: 'Adressen er hemmelig: aftal ankomsten pr. telefon',
  confirmedLongAgo: (date) => `Sidst bekræftet ${date}: ring og tjek`,
  continuesFrom: (service) => `${service} oplyser, at deres klienter typisk fortsætter her`,
  ifFullFrom: (service) => `${service} henviser hertil, når der er fuldt`,
  stepAfter: (needs) => `Kommer typisk efter ${needs}`,
  stepDeclared: (services) => `${services} oplyser, at deres klienter typisk fortsætter hertil`,
  guidance: {
    DANGER_CALL_112:
      'Er der fare lige nu, så ring 112. Politiet kan bortvise den voldsudøvende fra hjemmet og give tilhold; ikke akut: ring 114.',
    SHELTER_PLACES_1888:
      'Ledige krisecenterpladser i hele landet: Lev Uden Vold på 1888 (døgnåben, gratis og anonym) har overblikket og rådgiver også fagpersoner.',
    RAPE_ACUTE_EXAMINATION:
      'Efter voldtægt: tag til et center for voldtægtsofre så hurtigt som muligt. Spor sikres bedst inden for 72 timer, så undgå helst bad og tøjskift først. Det kræver ikke politianmeldelse at blive undersøgt og behandlet.',
    VICTIMS_COUNSEL:
      'Bistandsadvokat: efter voldtægt eller anden vold har den voldsudsatte ret til en gratis bistandsadvokat. Bed politiet om en, når forholdet anmeldes; politiet sørger for, at retten beskikker advokaten (retsplejeloven § 741 a).',
    DUTY_TO_NOTIFY:
      'Underretningspligt: får du som fagperson kendskab til eller grund til at antage, at et barn eller en ung under 18 år udsættes for vold eller lever i et hjem med vold, skal du underrette barnets kommune. En mistanke er nok; du skal ikke selv undersøge sagen (Barnets lov § 133, tidligere serviceloven § 153).',
    DUTY_TO_NOTIFY_UNBORN:
      'Underretning før fødslen: får du som fagperson kendskab til eller grund til at antage, at et barn vil have behov for særlig støtte lige efter fødslen på grund af de vordende forældres forhold, fx vold i hjemmet, skal du underrette kommunen allerede under graviditeten (Barnets lov § 133).',
    NO_PLACE_GIVEN:
      'Der er ikke angivet noget sted, så svaret viser kun landsdækkende tilbud. Angiv kommune (municipalityCode) eller position (near) for at se tilbud i nærheden.',
  },
  interpreter: (languages, near) =>
    `De første tilbud taler ikke ${languages}: bestil en tolk til samtalen (alle offentlige tilbud kan bestille en tolk), og brug ikke familie eller børn som tolk.` +
    (near ? ` ${near} i nærheden taler ${languages}.` : ''),
  stepNotes: {
    CHILDREN_AT_HOME:
      'Børnene i hjemmet: børn, der overværer vold, er selv udsat for vold og kan have brug for hjælp',
    AFTER_SAFETY:
      'Først når personen er i sikkerhed: par- eller familiesamtaler, mens volden står på, frarådes',
    VICTIMS_COUNSEL:
      'Ret til en gratis bistandsadvokat gennem politiet; skilsmisse og forældremyndighed, når der spørges om det',
  },
  municipalService: (municipality, kind) => {
    const authority = AUTHORITY_NAMES[municipality.code] ?? `${municipality.name} Kommune`;
    return {
      JOB_CENTRE: `${authority}s jobcenter hjælper med arbejde og uddannelse`,
      HOUSING_ALLOCATION: `${authority}s boliganvisning hjælper med en bolig`,
      LANGUAGE_CENTRE: `${authority}s sprogcenter tilbyder danskundervisning`,
      CITIZEN_SERVICE: `${authority}s borgerservice hjælper med kontakt med myndigheder`,
    }[kind];
  },
};
