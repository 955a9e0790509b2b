import { ApiError } from './api';
import {
  changedGroups,
  check,
  describe as describeError,
  emptyForm,
  isDanishPhone,
  type ListingForm,
  overlay,
  serverErrors,
  toUpdate,
} from './listing-rules';
import { PARTNER_TEXTS } from './partner-texts';

const p = PARTNER_TEXTS.da;

/** A form that passes every check; each case changes what it is about. */
function valid(changes: Partial<ListingForm> = {}): ListingForm {
  return {
    ...emptyForm(),
    name: 'Krisecenter Nord',
    typeCode: 'womens-shelter',
    targetGroupCodes: ['women'],
    needCodes: ['emergency-stay'],
    municipalityCode: '461',
    national: true,
    referralRoutes: ['SELF'],
    ...changes,
  };
}

describe('the Danish checks before sending', () => {
  it('passes a complete form', () => {
    expect(check(valid(), p)).toEqual({});
  });

  it('names every required field of an empty form, in Danish', () => {
    expect(check(emptyForm(), p)).toEqual({
      name: 'Udfyld navn.',
      typeCode: 'Udfyld type.',
      targetGroupCodes: 'Vælg mindst én i "Målgrupper".',
      needCodes: 'Vælg mindst én i "Hjælper med".',
      municipalityCode: 'Vælg kommunen fra listen.',
      coverage: 'Vælg hele landet eller mindst én region eller kommune.',
      referralRoutes: 'Vælg mindst én i "Hvordan man kommer ind".',
    });
  });

  it('takes a name of 200 characters and refuses 201; blanks alone are no name', () => {
    expect(check(valid({ name: 'x'.repeat(200) }), p)).toEqual({});
    expect(check(valid({ name: 'x'.repeat(201) }), p)).toEqual({
      name: 'Navn må højst være 200 tegn.',
    });
    expect(check(valid({ name: '   ' }), p)).toEqual({ name: 'Udfyld navn.' });
  });

  it('takes a description of 2,000 characters and refuses 2,001', () => {
    expect(check(valid({ description: 'x'.repeat(2000) }), p)).toEqual({});
    expect(check(valid({ description: 'x'.repeat(2001) }), p)).toEqual({
      description: 'Beskrivelse må højst være 2000 tegn.',
    });
  });

  it('wants the address whole or not at all, with a four-digit postal code', () => {
    const address = { street: 'Vestergade 1', postalCode: '5000', city: 'Odense C' };
    expect(check(valid(address), p)).toEqual({});
    expect(check(valid({ ...address, city: '' }), p)).toEqual({
      address: 'Udfyld gade, postnummer og by, eller lad alle tre stå tomme.',
    });
    for (const postalCode of ['500', '50000', '5OOO']) {
      expect(check(valid({ ...address, postalCode }), p)).toEqual({
        address: 'Et postnummer er fire cifre.',
      });
    }
    expect(check(valid({ ...address, street: 'x'.repeat(201) }), p)).toEqual({
      address: 'Gade og nummer må højst være 200 tegn.',
    });
    expect(check(valid({ ...address, city: 'x'.repeat(101) }), p)).toEqual({
      address: 'By må højst være 100 tegn.',
    });
  });

  it('takes regions or municipalities instead of the whole country', () => {
    expect(check(valid({ national: false, regionCodes: ['1083'] }), p)).toEqual({});
    expect(check(valid({ national: false, municipalityCodes: ['450'] }), p)).toEqual({});
  });

  it('takes +45 and 8 digits or a short number as a phone, on both lines', () => {
    for (const phone of ['+45 70 20 30 82', '+4570203082', '112', '1888']) {
      expect([phone, isDanishPhone(phone)]).toEqual([phone, true]);
    }
    for (const phone of ['70 20 30 82', '+45 70  20 30 82', '+45 7020308', '12', '18888']) {
      expect([phone, isDanishPhone(phone)]).toEqual([phone, false]);
    }
    const message =
      'Skriv +45 og 8 cifre (fx +45 70 20 30 82), eller et kort nummer som 112 eller 1888.';
    expect(check(valid({ phone: '70 20 30 82', professionalPhone: '12' }), p)).toEqual({
      phone: message,
      professionalPhone: message,
    });
  });

  it('checks e-mail and website by shape and length', () => {
    expect(check(valid({ email: 'navn@eksempel.dk', website: 'https://eksempel.dk' }), p)).toEqual(
      {},
    );
    expect(check(valid({ email: 'navn@eksempel', website: 'eksempel.dk' }), p)).toEqual({
      email: 'Skriv en e-mailadresse som navn@eksempel.dk.',
      website: 'Skriv en adresse der begynder med https:// eller http://.',
    });
    const longEmail = `${'a'.repeat(243)}@eksempel.dk`; // 255 characters
    expect(check(valid({ email: longEmail.slice(1) }), p)).toEqual({});
    expect(check(valid({ email: longEmail }), p)).toEqual({
      email: 'E-mail må højst være 254 tegn.',
    });
    const longSite = `https://eksempel.dk/${'a'.repeat(481)}`; // 501 characters
    expect(check(valid({ website: longSite.slice(0, 500) }), p)).toEqual({});
    expect(check(valid({ website: longSite }), p)).toEqual({
      website: 'Hjemmeside må højst være 500 tegn.',
    });
  });

  it('takes opening hours of 500 characters and refuses 501', () => {
    expect(check(valid({ openingHours: 'x'.repeat(500) }), p)).toEqual({});
    expect(check(valid({ openingHours: 'x'.repeat(501) }), p)).toEqual({
      openingHours: 'Åbningstider må højst være 500 tegn.',
    });
  });

  it('takes whole ages from 0 to 120, empty for no limit, and the lowest not above the highest', () => {
    expect(check(valid({ minAge: '0', maxAge: '120', maxBoyAge: '' }), p)).toEqual({});
    const age = 'Skriv et helt tal fra 0 til 120, eller lad feltet stå tomt.';
    expect(check(valid({ minAge: '-1', maxAge: '121', maxBoyAge: '12.5' }), p)).toEqual({
      minAge: age,
      maxAge: age,
      maxBoyAge: age,
    });
    expect(check(valid({ minAge: '30', maxAge: '29' }), p)).toEqual({
      minAge: 'Mindste alder må ikke være højere end højeste alder.',
    });
    expect(check(valid({ minAge: '30', maxAge: '30' }), p)).toEqual({});
  });

  it('takes 10 onward referrals of each kind and refuses 11', () => {
    const picked = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `S${i}` }));
    expect(check(valid({ continuesTo: picked(10), ifFullTry: picked(10) }), p)).toEqual({});
    expect(check(valid({ continuesTo: picked(11), ifFullTry: picked(11) }), p)).toEqual({
      continuesToIds: 'Højst 10 i "Vores klienter fortsætter typisk til".',
      ifFullTryIds: 'Højst 10 i "Hvis vi er fulde, prøv".',
    });
  });

  it('checks only the groups a save would send', () => {
    const form = valid({ name: '', phone: '12' });
    expect(check(form, p, ['phone'])).toEqual({
      phone: 'Skriv +45 og 8 cifre (fx +45 70 20 30 82), eller et kort nummer som 112 eller 1888.',
    });
    expect(check(form, p, ['email'])).toEqual({});
  });
});

describe('what a save sends', () => {
  it('sends only the groups that changed, trimmed, with empty text as null', () => {
    const before = valid({ phone: '+45 70 00 00 07', email: 'a@b.dk' });
    const after = { ...before, phone: ' +45 70 11 22 33 ', email: '  ', regionCodes: [] };
    expect(changedGroups(before, after)).toEqual(['phone', 'email']);
    expect(toUpdate(before, after)).toEqual({ phone: '+45 70 11 22 33', email: null });
  });

  it('keeps the person’s changes on top of a newer version', () => {
    const base = valid();
    const mine = { ...base, phone: '+45 70 11 22 33' };
    const newest = { ...base, name: 'Krisecenter Nord og Syd' };
    expect(overlay(newest, base, mine)).toEqual({ ...newest, phone: '+45 70 11 22 33' });
  });
});

describe('the server’s refusals, in Danish beside their fields', () => {
  const refusal = (extensions: Record<string, unknown>, message = 'Bad input') =>
    new ApiError(message, 'BAD_USER_INPUT', { code: 'BAD_USER_INPUT', ...extensions });

  it('maps validator problems to their fields', () => {
    const error = refusal({
      problems: [
        'phone must be a Danish phone number',
        'input.address.postalCode must be four digits',
        'name must be shorter than or equal to 200 characters',
      ],
    });
    expect(serverErrors(error, p)).toEqual({
      phone: 'Skriv +45 og 8 cifre (fx +45 70 20 30 82), eller et kort nummer som 112 eller 1888.',
      address: 'Et postnummer er fire cifre.',
      name: 'Navn må højst være 200 tegn.',
    });
    expect(describeError(error, p)).toBe('Navn må højst være 200 tegn.');
  });

  it('names unknown onward ids and a listing referring to itself', () => {
    expect(serverErrors(refusal({ argument: 'input.ifFullTryIds', unknownIds: ['x'] }), p)).toEqual(
      {
        ifFullTryIds: 'Et af de valgte tilbud findes ikke længere. Fjern det, og vælg et andet.',
      },
    );
    expect(
      serverErrors(
        refusal({ argument: 'input.continuesToIds' }, 'A service cannot refer onward to itself'),
        p,
      ),
    ).toEqual({ continuesToIds: 'Et tilbud kan ikke henvise videre til sig selv.' });
  });

  it('says a refusal that names no field for the whole form', () => {
    expect(serverErrors(refusal({}, 'name cannot be cleared'), p)).toEqual({
      form: 'Et påkrævet felt kan ikke tømmes.',
    });
    expect(serverErrors(refusal({}), p)).toEqual({ form: 'Noget gik galt. Prøv igen om lidt.' });
  });

  it('says other errors in one sentence', () => {
    const said = (code: string, extensions: Record<string, unknown> = {}) =>
      describeError(new ApiError(code, code, { code, ...extensions }), p);
    expect(said('UNAUTHENTICATED')).toBe(
      'Nøglen virker ikke (forkert, udløbet eller tilbagekaldt). Indsæt en anden nøgle.',
    );
    expect(said('FORBIDDEN')).toBe('Nøglen må ikke gøre dette.');
    expect(said('FORBIDDEN', { reason: 'TOO_MANY_FLAGS' })).toBe(
      'Der er sendt mange fejlmeldinger fra denne forbindelse. Prøv igen om en time.',
    );
    expect(said('NOT_FOUND')).toBe('Tilbuddet findes ikke (længere).');
    expect(said('NETWORK')).toBe('Henvis kunne ikke nås. Tjek forbindelsen og prøv igen.');
    expect(said('STALE_VERSION')).toBe('En anden har gemt en nyere version');
    expect(describeError(new Error('boom'), p)).toBe('Noget gik galt. Prøv igen om lidt.');
  });
});
