import { DA } from './phrases-da';
import { EN } from './phrases-en';

describe('the municipality as an authority', () => {
  it('is "<name> Kommune" in the genitive, except where the official name differs', () => {
    expect(DA.municipalService({ code: '461', name: 'Odense' }, 'JOB_CENTRE')).toBe(
      'Odense Kommunes jobcenter hjælper med arbejde og uddannelse',
    );
    expect(DA.municipalService({ code: '101', name: 'København' }, 'LANGUAGE_CENTRE')).toBe(
      'Københavns Kommunes sprogcenter tilbyder danskundervisning',
    );
    expect(DA.municipalService({ code: '400', name: 'Bornholm' }, 'HOUSING_ALLOCATION')).toBe(
      'Bornholms Regionskommunes boliganvisning hjælper med en bolig',
    );
  });

  it('reads the same way in English', () => {
    expect(EN.municipalService({ code: '751', name: 'Aarhus' }, 'CITIZEN_SERVICE')).toBe(
      "Aarhus Municipality's citizen service helps with contact with the authorities",
    );
    expect(EN.municipalService({ code: '101', name: 'København' }, 'JOB_CENTRE')).toBe(
      "Copenhagen Municipality's job centre helps with work and education",
    );
  });
});
