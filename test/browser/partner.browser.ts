import { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../src/common/role';
import { cypher } from '../../src/neo4j/cypher';
import { ServiceSeed } from '../../seed/loader';
import { ok } from '../support/api';
import { createListings, deleteByPrefix, organisation, uniquePrefix } from '../support/factory';
import { national, referralNetwork, region } from '../support/referral-network';
import { createToken, deleteTokensAndOutbox } from '../support/tokens';
import {
  eventually,
  focusedId,
  launch,
  recordRequests,
  screenshots,
  serve,
  Served,
  seriousViolations,
} from './browser';

/*
 * The partner view, as a shelter's staff member with an EDITOR key uses it, at a phone's width
 * (390 px) and a desktop's (1280 px). Each width has listings of its own, so the two runs of a
 * test never see each other's changes.
 */
const P = uniquePrefix('partner');
const ORG = `${P}-org`;
const OTHER_ORG = `${P}-other`;
const { id, listing, kind } = referralNetwork(P, ORG);
const WIDTHS = [390, 1280] as const;
const DAY_MS = 24 * 3_600_000;

const perWidth = (width: number): ServiceSeed[] => [
  kind.mensShelter(`men-${width}`, `Krisecenter for mænd ${width}`, '461', {
    capacity: { totalPlaces: 4, freePlaces: 0 },
    coverage: national,
  }),
  listing(`counsel-${width}`, {
    name: `Rådgivning ${width}`,
    targetGroupCodes: ['victims'],
    needCodes: ['social-counselling'],
    coverage: region('1083'),
    municipalityCode: '461',
    phone: '+45 70 00 00 07',
  }),
  listing(`old-${width}`, {
    name: `Gammel rådgivning ${width}`,
    targetGroupCodes: ['victims'],
    needCodes: ['social-counselling'],
    coverage: national,
    municipalityCode: '101',
  }),
];

let served: Served;
let browser: Browser;
let context: BrowserContext;
let editor: string;
let admin: string;

const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token = admin) =>
  ok(await served.api.gql<T>(query, variables, token));

beforeAll(async () => {
  served = await serve();
  await createListings(
    served.api.neo,
    [organisation(ORG, { name: 'Partner Test Org' }), organisation(OTHER_ORG)],
    [
      ...WIDTHS.flatMap(perWidth),
      listing('elsewhere', { name: 'Efterværn Andetsteds', coverage: national }, OTHER_ORG),
    ],
  );
  editor = (await createToken(served.api.neo, `${P} vagten`, Role.EDITOR, ORG)).token;
  admin = (await createToken(served.api.neo, `${P} admin`, Role.ADMIN)).token;
  // Confirmed 200 days ago: past the 180-day window.
  for (const width of WIDTHS) {
    await served.api.neo.write(
      cypher.unchecked('MATCH (s:Service {id: $id}) SET s.verifiedAt = datetime($at)'),
      { id: id(`old-${width}`), at: new Date(Date.now() - 200 * DAY_MS).toISOString() },
    );
  }
  browser = await launch();
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  if (served) {
    await served.api.neo.write(
      cypher.unchecked(
        'MATCH (f:ListingFlag)-[:ABOUT]->(s:Service) WHERE s.id STARTS WITH $p DETACH DELETE f',
      ),
      { p: P },
    );
    await served.api.neo.write(cypher.unchecked('MATCH (l:FlagLimit) DETACH DELETE l'));
    await deleteByPrefix(served.api.neo, P);
    await deleteTokensAndOutbox(served.api.neo, P);
    await served.api.close();
  }
});

async function open(width: number): Promise<Page> {
  context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.locator('#refer-title').waitFor();
  return page;
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByRole('link', { name: 'Partner', exact: true }).click();
  await page.getByLabel('Nøgle').fill(token);
  await page.getByRole('button', { name: 'Brug nøglen' }).click();
  await page.locator('#listings-title').waitFor();
}

/** Every visible control of the partner view that is lower than 44 px. */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll(
      '.partner button, .partner input:not([type=checkbox]):not([type=radio]), .partner select, .partner .check, .flag-form button, .flag-form .check',
    )) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && box.height < 43.5) {
        out.push((el.id || el.textContent || el.tagName).trim().slice(0, 40) + ' ' + Math.round(box.height));
      }
    }
    return out;
  })()`);
}

const card = (page: Page, key: string) => page.locator(`article[data-service-id="${id(key)}"]`);

describe.each(WIDTHS)('the partner view at %i px', (width) => {
  it('asks for a key, then shows the role in Danish and what needs attention first', async () => {
    await gql(`mutation($input: FlagListingInput!) { flagListing(input: $input) { id } }`, {
      input: {
        serviceId: id(`counsel-${width}`),
        reason: 'PHONE_WRONG',
        note: `Ingen tog telefonen ${width}`,
      },
    });
    const page = await open(width);
    await page.getByRole('link', { name: 'Partner', exact: true }).click();
    await page.getByRole('button', { name: 'Brug nøglen' }).click();
    expect(await page.locator('#token-error').textContent()).toBe('Indsæt nøglen først.');
    expect(await focusedId(page)).toBe('token');

    await page.getByLabel('Nøgle').fill(editor);
    await page.getByRole('button', { name: 'Brug nøglen' }).click();
    await page.getByText(`Logget ind med nøglen "${P} vagten". Rolle: redaktør`).waitFor();
    expect(await page.evaluate('localStorage.length')).toBe(0);

    // The first screen: what is due, and what users reported, before the listings.
    const attention = page.locator('section.attention');
    await attention.waitFor();
    expect(await attention.locator('h3').allTextContents()).toEqual([
      'Ikke bekræftet i 180 dage',
      'Fejlmeldinger fra brugere',
    ]);
    const due = await attention.locator('.due-item > span').allTextContents();
    expect(due.filter((d) => d.includes(String(width)))).toEqual([
      expect.stringMatching(
        new RegExp(`^Gammel rådgivning ${width}: sidst bekræftet \\d+\\. \\w+ \\d{4}$`),
      ),
    ]);
    const flag = attention.locator('.flag-item', { hasText: `Ingen tog telefonen ${width}` });
    expect(await flag.locator('p').textContent()).toMatch(
      new RegExp(`^Rådgivning ${width}: Telefonnummeret virker ikke eller er forkert \\(`),
    );
    expect(await smallControls(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, `partner-first-${width}`);

    await flag.getByRole('button', { name: 'Markér som løst' }).click();
    await page
      .locator('#partner-message', { hasText: 'Fejlmeldingen er markeret som løst.' })
      .waitFor();
    expect(await attention.locator('.flag-item', { hasText: `telefonen ${width}` }).count()).toBe(
      0,
    );
    const open_ = await gql<{ listingFlags: { serviceId: string }[] }>(
      `{ listingFlags { serviceId } }`,
    );
    expect(open_.listingFlags.filter((f) => f.serviceId === id(`counsel-${width}`))).toEqual([]);

    // "Stadig korrekt" takes the listing off the due list at once.
    await card(page, `old-${width}`).getByRole('button', { name: 'Stadig korrekt' }).click();
    await page
      .locator('#partner-message', {
        hasText: `Bekræftet: Gammel rådgivning ${width} er stadig korrekt.`,
      })
      .waitFor();
    expect(
      (await attention.locator('.due-item > span').allTextContents()).filter((d) =>
        d.includes(`Gammel rådgivning ${width}`),
      ),
    ).toEqual([]);
  });

  it('reports places in two taps: the card shows them at once, in Danish number agreement', async () => {
    const page = await open(width);
    await signIn(page, editor);
    const men = card(page, `men-${width}`);
    expect(await men.locator('.places').textContent()).toMatch(/^0 ledige pladser af 4 \(meldt/);
    await men.getByRole('button', { name: 'Meld ledige pladser' }).click();
    expect(await men.getByRole('button', { name: '1 ledig af 4' }).count()).toBe(1);
    expect(await smallControls(page)).toEqual([]);
    await men.getByRole('button', { name: '1 ledig af 4' }).click();
    await page.locator('#partner-message', { hasText: 'Meldt: 1 ledig plads af 4.' }).waitFor();
    expect(await men.locator('.places').textContent()).toMatch(/^1 ledig plads af 4 \(meldt/);

    // Another number: free over total is refused in Danish before anything is sent.
    await men.getByRole('button', { name: 'Meld ledige pladser' }).click();
    await men.getByRole('textbox', { name: 'Ledige pladser' }).fill('5');
    await men.getByRole('button', { name: 'Meld', exact: true }).click();
    expect(await men.locator('.field-error').textContent()).toBe(
      'Der kan ikke være flere ledige pladser end pladser i alt.',
    );
    await men.getByRole('textbox', { name: 'Ledige pladser' }).fill('2');
    await men.getByRole('button', { name: 'Meld', exact: true }).click();
    await page.locator('#partner-message', { hasText: 'Meldt: 2 ledige pladser af 4.' }).waitFor();
    expect(await men.locator('.places').textContent()).toMatch(/^2 ledige pladser af 4/);
    // Only the current message is shown.
    expect(await page.locator('.partner .alert').count()).toBe(0);

    await men.getByRole('button', { name: 'Ændringslog' }).click();
    await men.locator('.audit li').first().waitFor();
    expect(await men.locator('.audit > li').first().locator('ul').textContent()).toBe(
      'Ledige pladser: 1 → 2',
    );
    expect(await men.locator('.audit > li > p').first().textContent()).toMatch(
      new RegExp(`^Pladser meldt .+ af ${P} vagten$`),
    );
  });

  it('edits every kind of field with the public form’s controls, checked in Danish first', async () => {
    const page = await open(width);
    await signIn(page, editor);
    await card(page, `counsel-${width}`).getByRole('button', { name: 'Rediger' }).click();
    await page.locator('#editor-title').waitFor();
    expect(await smallControls(page)).toEqual([]);

    // Wrong values are said in Danish next to their fields, and nothing is sent.
    const requests = recordRequests(page);
    await page.locator('#edit-phone').fill('12345');
    await page.locator('#edit-minAge').fill('40');
    await page.locator('#edit-maxAge').fill('30');
    await page.locator('#edit-street').fill('Vestergade 1');
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    expect(await page.locator('#edit-phone-error').textContent()).toBe(
      'Skriv +45 og 8 cifre (fx +45 70 20 30 82), eller et kort nummer som 112 eller 1888.',
    );
    expect(await page.locator('#edit-minAge-error').textContent()).toBe(
      'Mindste alder må ikke være højere end højeste alder.',
    );
    expect(await page.locator('#edit-address-error').textContent()).toBe(
      'Udfyld gade, postnummer og by, eller lad alle tre stå tomme.',
    );
    expect(await page.locator('#listing-status').textContent()).toBe('Ret de 3 markerede felter.');
    expect(await focusedId(page)).toBe('edit-minAge');
    expect(requests.filter((r) => r.body.includes('PartnerUpdate'))).toEqual([]);

    await page.locator('#edit-phone').fill('+45 70 11 22 33');
    await page.locator('#edit-minAge').fill('18');
    await page.locator('#edit-postalCode').fill('5000');
    await page.locator('#edit-city').fill('Odense C');
    await page
      .locator('#listing-form')
      .getByLabel('Hemmelig adresse (vises kun for jer og administratorer)')
      .check();
    await page.locator('#edit-typeCode').selectOption('womens-shelter');
    await page.locator('#edit-group-women').check();
    await page.locator('#edit-need-emergency-stay').check();
    await page.locator('#edit-municipalityCode').fill('Svendborg');
    await page.locator('#edit-municipalities').fill('Nyborg');
    await page.locator('#edit-regions').fill('Region Syddanmark');
    await page.locator('#listing-form').getByLabel('Henvisning gennem kommunen').check();
    await page.locator('#edit-language-ar').check();
    await page.locator('#edit-ifFullTry').fill('Efterværn');
    await page.getByRole('button', { name: /^Vælg Efterværn Andetsteds/ }).click();
    await page.getByRole('button', { name: 'Gem', exact: true }).click();
    await page.locator('#partner-message', { hasText: `Gemt: Rådgivning ${width}.` }).waitFor();

    const saved = await gql<{
      service: Record<string, unknown>;
    }>(
      `query($id: ID!) { service(id: $id) { type { code } targetGroups { code } needs { code }
        municipality { code } address { street postalCode city } addressConfidential
        coverage { national regions { code } municipalities { code } } referralRoutes languages
        eligibility { minAge maxAge } contact { phone } ifFullTry { id } } }`,
      { id: id(`counsel-${width}`) },
    );
    const { targetGroups, needs, referralRoutes, languages, ...rest } = saved.service;
    const codes = (list: unknown) => (list as { code: string }[]).map((x) => x.code).sort();
    expect(codes(targetGroups)).toEqual(['victims', 'women']);
    expect(codes(needs)).toEqual(['emergency-stay', 'social-counselling']);
    expect([...(referralRoutes as string[])].sort()).toEqual(['MUNICIPALITY', 'SELF']);
    expect([...(languages as string[])].sort()).toEqual(['ar', 'da']);
    expect(rest).toEqual({
      type: { code: 'womens-shelter' },
      municipality: { code: '479' },
      address: { street: 'Vestergade 1', postalCode: '5000', city: 'Odense C' },
      addressConfidential: true,
      coverage: {
        national: false,
        regions: [{ code: '1083' }],
        municipalities: [{ code: '450' }],
      },
      eligibility: { minAge: 18, maxAge: 30 },
      contact: { phone: '+45 70 11 22 33' },
      ifFullTry: [{ id: id('elsewhere') }],
    });

    // The change log in plain Danish: the field's label, before → after, who.
    const logged = card(page, `counsel-${width}`);
    await logged.getByRole('button', { name: 'Ændringslog' }).click();
    await logged.locator('.audit li').first().waitFor();
    const changes = await logged
      .locator('.audit > li')
      .first()
      .locator('ul > li')
      .allTextContents();
    expect(changes).toEqual(
      expect.arrayContaining([
        'Telefon: +45 70 00 00 07 → +45 70 11 22 33',
        'Type: Ambulant rådgivning → Kvindekrisecenter',
        'Kommune: Odense → Svendborg',
        'Hvis fuldt, prøv: (tom) → Efterværn Andetsteds',
        'Hemmelig adresse: nej → ja',
        'Sprog: dansk → arabisk, dansk',
      ]),
    );
    expect(changes.join('\n')).not.toMatch(/freePlaces|openingHours|typeCode|\["/);
    expect(await logged.locator('.audit > li > p').first().textContent()).toMatch(
      new RegExp(`^Ændret .+ af ${P} vagten$`),
    );
  });

  it('creates a new listing for the organisation', async () => {
    const page = await open(width);
    await signIn(page, editor);
    await page.getByRole('button', { name: 'Opret nyt tilbud' }).click();
    await page.locator('#editor-title').waitFor();
    await page.getByRole('button', { name: 'Opret tilbuddet' }).click();
    expect(await page.locator('#listing-status').textContent()).toBe('Ret de 7 markerede felter.');
    expect(await page.locator('#edit-name-error').textContent()).toBe('Udfyld navn.');
    expect(await focusedId(page)).toBe('edit-name');

    await page.locator('#edit-name').fill(`Nyt tilbud ${width}`);
    await page.locator('#edit-typeCode').selectOption('counselling');
    await page.locator('#edit-group-victims').check();
    await page.locator('#edit-need-social-counselling').check();
    await page.locator('#edit-municipalityCode').fill('Odense');
    await page.locator('#edit-national').check();
    await page.locator('#edit-route-SELF').check();
    await page.getByRole('button', { name: 'Opret tilbuddet' }).click();
    await page.locator('#partner-message', { hasText: `Oprettet: Nyt tilbud ${width}.` }).waitFor();
    await page.locator('.card-title', { hasText: `Nyt tilbud ${width}` }).waitFor();
    const mine = await gql<{ organisation: { services: { name: string }[] } }>(
      `query($id: ID!) { organisation(id: $id) { services { name } } }`,
      { id: ORG },
    );
    expect(mine.organisation.services.map((s) => s.name)).toContain(`Nyt tilbud ${width}`);
  });

  it('on a version conflict shows the person’s changes beside the newer version, and keeps them', async () => {
    const one = await open(width);
    const two = await context.newPage();
    await two.goto(served.url);
    for (const page of [one, two]) {
      await signIn(page, editor);
      await card(page, `men-${width}`).getByRole('button', { name: 'Rediger' }).click();
      await page.locator('#editor-title').waitFor();
    }
    await one.locator('#edit-phone').fill('+45 70 11 22 44');
    await one.getByRole('button', { name: 'Gem', exact: true }).click();
    await one.locator('#partner-message', { hasText: 'Gemt:' }).waitFor();

    await two.locator('#edit-openingHours').fill('Hverdage 9-15');
    await two.getByRole('button', { name: 'Gem', exact: true }).click();
    const stale = two.locator('.alert.stale');
    await stale.waitFor();
    expect(await stale.locator('h3').textContent()).toBe('En anden har gemt en nyere version');
    expect(await stale.locator('tbody tr').allTextContents()).toEqual([
      'ÅbningstiderHverdage 9-15(tom)',
    ]);
    // What was typed is still there.
    expect(await two.locator('#edit-openingHours').inputValue()).toBe('Hverdage 9-15');
    expect(await seriousViolations(two)).toEqual([]);
    await screenshots(two, `partner-conflict-${width}`);

    await two
      .getByRole('button', { name: 'Behold mine ændringer oven på den nyeste version' })
      .click();
    expect(await two.locator('#edit-phone').inputValue()).toBe('+45 70 11 22 44');
    expect(await two.locator('#edit-openingHours').inputValue()).toBe('Hverdage 9-15');
    await two.getByRole('button', { name: 'Gem', exact: true }).click();
    await two.locator('#partner-message', { hasText: 'Gemt:' }).waitFor();
    const saved = await gql<{ service: { openingHours: string; contact: { phone: string } } }>(
      `query($id: ID!) { service(id: $id) { openingHours contact { phone } } }`,
      { id: id(`men-${width}`) },
    );
    expect(saved.service).toEqual({
      openingHours: 'Hverdage 9-15',
      contact: { phone: '+45 70 11 22 44' },
    });
  });

  it('manages the organisation’s keys: create one shown once with an expiry, list, revoke', async () => {
    const page = await open(width);
    await signIn(page, editor);
    const keys = page.locator('section.keys');
    await keys.getByRole('button', { name: 'Opret nøgle' }).click();
    expect(await keys.locator('#key-name-error').textContent()).toBe(
      'Udfyld hvem eller hvad bruger nøglen.',
    );
    await keys.getByLabel('Hvem eller hvad bruger nøglen').fill(`${P} nattevagt ${width}`);
    const inMonth = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
    await keys.getByLabel('Udløber (valgfrit)').fill(inMonth);
    await keys.getByRole('button', { name: 'Opret nøgle' }).click();
    const shown = keys.locator('#created-key');
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(await smallControls(page)).toEqual([]);
    const item = keys.locator('.key-list li', { hasText: `${P} nattevagt ${width}` });
    await item.waitFor();
    expect(await item.locator('p').textContent()).toMatch(/\(redaktør\): oprettet .+, udløber /);
    await keys.getByRole('button', { name: 'Jeg har gemt nøglen' }).click();
    expect(await keys.locator('#created-key').count()).toBe(0);

    const me = `{ me { tokenName } }`;
    expect(await gql(me, {}, secret)).toEqual({ me: { tokenName: `${P} nattevagt ${width}` } });
    await item.getByRole('button', { name: `Tilbagekald ${P} nattevagt ${width}` }).click();
    await item.getByRole('button', { name: 'Ja, tilbagekald' }).click();
    await page
      .locator('#partner-message', { hasText: `${P} nattevagt ${width} er tilbagekaldt.` })
      .waitFor();
    await eventually(
      () => item.locator('p').textContent(),
      (v) => expect(v).toMatch(/tilbagekaldt/),
    );
    const refused = await served.api.gql(me, {}, secret);
    expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets a professional say "Noget er forkert her" on a referral option', async () => {
    const page = await open(width);
    await page.locator('#group-men').check();
    await page.locator('#need-emergency-stay').check();
    await page.getByLabel('Kommune').fill('Odense');
    await page.getByRole('button', { name: 'Find steder' }).click();
    await page.locator('#result-title').waitFor();
    const option = page.locator(`ol.options article[data-service-id="${id(`men-${width}`)}"]`);
    await option.getByRole('button', { name: 'Noget er forkert her' }).click();
    const form = option.locator('form.flag-form');
    await form.getByRole('button', { name: 'Send fejlmelding' }).click();
    expect(await form.locator('.field-error').first().textContent()).toBe(
      'Vælg, hvad der er forkert.',
    );
    await form.getByLabel('Åbningstiderne passer ikke').check();
    await form.getByLabel('Uddyb gerne (valgfrit)').fill('x'.repeat(301));
    expect(await form.locator(`#flag-${id(`men-${width}`)}-note-left`).textContent()).toBe(
      'Beskeden må højst være 300 tegn.',
    );
    const requests = recordRequests(page);
    await form.getByRole('button', { name: 'Send fejlmelding' }).click();
    expect(requests.filter((r) => r.body.includes('FlagListing'))).toEqual([]);
    await form.getByLabel('Uddyb gerne (valgfrit)').fill(`Lukket om aftenen ${width}`);
    expect(await smallControls(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Send fejlmelding' }).click();
    await option.getByText('Tak. Organisationen bag tilbuddet får besked.').waitFor();

    const flags = await gql<{
      listingFlags: { serviceId: string; reason: string; note: string }[];
    }>(
      `query($id: ID) { listingFlags(serviceId: $id) { serviceId reason note } }`,
      { id: id(`men-${width}`) },
      editor,
    );
    expect(flags.listingFlags).toEqual([
      { serviceId: id(`men-${width}`), reason: 'HOURS_WRONG', note: `Lukket om aftenen ${width}` },
    ]);
  });
});
