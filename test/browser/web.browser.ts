import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '../../src/common/role';
import { ServiceSeed } from '../../seed/loader';
import { ok } from '../support/api';
import { createListings, deleteByPrefix, organisation, uniquePrefix } from '../support/factory';
import { national, onlyMunicipality, referralNetwork, region } from '../support/referral-network';
import { createToken, deleteTokensAndOutbox } from '../support/tokens';
import {
  focusedId,
  launch,
  recordRequests,
  cspViolations,
  screenshots,
  SCREENSHOTS,
  serve,
  Served,
  seriousViolations,
  tabTo,
  eventually,
} from './browser';

/*
 * A small purpose-built directory (not the demonstration seed) in this suite's own throwaway
 * Neo4j, so every ordering and count on the page is exact.
 */
const P = uniquePrefix('web');
const ORG = `${P}-org`;
const { id, listing, kind } = referralNetwork(P, ORG);
const { womensShelter, mensShelter } = kind;

const LISTINGS: ServiceSeed[] = [
  womensShelter('shelter-fyn', 'Krisecenter Fyn', '461', {
    phone: '+45 70 00 00 01',
    capacity: { totalPlaces: 10, freePlaces: 2 },
  }),
  womensShelter('shelter-sydfyn', 'Krisecenter Sydfyn', '479', {
    capacity: { totalPlaces: 5, freePlaces: 0 },
  }),
  womensShelter('shelter-midt', 'Krisecenter Midt', '751'),
  kind.pregnancyTeam('pregnancy-team', 'Gravideteam OUH', '461', {
    coverage: region('1083'),
    phone: '+45 70 00 00 02',
  }),
  kind.rapeCentre('rape-aalborg', 'Center for voldtægtsofre Nord', '851', {
    coverage: region('1081'),
    phone: '+45 70 00 00 03',
  }),
  kind.psychologist('psych-national', 'Psykologhjælp Danmark', '101', { coverage: national }),
  mensShelter('men-fyn', 'Krisecenter for mænd Fyn', '461', {
    capacity: { totalPlaces: 4, freePlaces: 0 },
  }),
  mensShelter('men-nyborg', 'Mandekrisecenter Nyborg', '450'),
  listing('counselling-fyn', {
    name: 'Rådgivning Fyn',
    targetGroupCodes: ['victims'],
    needCodes: ['social-counselling'],
    coverage: region('1083'),
    municipalityCode: '461',
    phone: '+45 70 00 00 07',
    languages: ['da', 'ar'],
  }),
];

let served: Served;
let browser: Browser;
let context: BrowserContext;
let professionalToken: string;

beforeAll(async () => {
  served = await serve();
  await createListings(served.api.neo, [organisation(ORG, { name: 'Web Test Org' })], LISTINGS);
  professionalToken = (await createToken(served.api.neo, `${P}-pro`, Role.PROFESSIONAL)).token;
  const admin = (await createToken(served.api.neo, `${P}-admin`, Role.ADMIN)).token;
  ok(
    await served.api.gql(
      `mutation($id: ID!) { updateService(id: $id, expectedVersion: 1, input: { professionalPhone: "+45 70 00 00 99" }) { id } }`,
      { id: id('shelter-fyn') },
      admin,
    ),
  );
  browser = await launch();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterEach(async () => {
  await context.close();
});

afterAll(async () => {
  await browser?.close();
  if (served) {
    await deleteByPrefix(served.api.neo, P);
    await deleteTokensAndOutbox(served.api.neo, P);
    await served.api.close();
  }
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(served.url);
  await page.locator('#refer-title').waitFor();
  return page;
}

async function refer(
  page: Page,
  input: { groups: string[]; needs: string[]; municipality: string },
): Promise<void> {
  for (const code of input.groups) {
    await page.locator(`#group-${code}`).check();
  }
  for (const code of input.needs) {
    await page.locator(`#need-${code}`).check();
  }
  await page.getByLabel('Kommune').fill(input.municipality);
  await page.getByRole('button', { name: 'Find steder' }).click();
  await page.locator('#result-title').waitFor();
}

/** The names on the option cards, best first. */
async function optionNames(page: Page): Promise<string[]> {
  const titles = await page.locator('ol.options .card-title').allTextContents();
  return titles.map((t) => t.replace(/^Nr\. \d+\s*/, '').replace(/^No\. \d+\s*/, ''));
}

async function guidanceCodes(page: Page): Promise<string[]> {
  const items = await page.locator('.guidance li').all();
  return Promise.all(items.map(async (item) => (await item.getAttribute('data-code')) ?? ''));
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByRole('link', { name: 'Partner', exact: true }).click();
  await page.getByLabel('Nøgle').fill(token);
  await page.getByRole('button', { name: 'Brug nøglen' }).click();
}

const PREGNANT_IN_ODENSE = {
  groups: ['women', 'pregnant-women'],
  needs: ['emergency-stay', 'pregnancy-care'],
  municipality: 'Odense',
};

describe('the page', () => {
  it('is served at / with a strict content security policy, from this server only', async () => {
    const res = await fetch(served.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="da">');
    expect(html).not.toMatch(/https?:\/\//);
    const health = await fetch(`${served.url}health/live`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});

describe('GraphiQL', () => {
  it('is offered at /graphql in development, from this server only, keeping nothing', async () => {
    const page = await context.newPage();
    const requests = recordRequests(page);
    const blocked = cspViolations(page);
    await page.goto(`${served.url}graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByText('query Referral($input: ReferralInput!)').first().waitFor();
    expect(requests.filter((r) => !r.url.startsWith(served.url))).toEqual([]);
    expect(blocked).toEqual([]);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    const api = await fetch(`${served.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ region(code: "1083") { code } }' }),
    });
    expect(await api.json()).toEqual({ data: { region: { code: '1083' } } });
  });
});

describe('referral', () => {
  it('a pregnant woman in Odense: the 112 guidance first, then the shelter with room', async () => {
    const page = await context.newPage();
    const requests = recordRequests(page);
    const blocked = cspViolations(page);
    await page.goto(served.url);
    await refer(page, PREGNANT_IN_ODENSE);
    expect(await page.locator('.result-place').textContent()).toBe(
      'For en person i Odense · 4 tilbud',
    );
    expect(await guidanceCodes(page)).toEqual([
      'DANGER_CALL_112',
      'SHELTER_PLACES_1888',
      'DUTY_TO_NOTIFY_UNBORN',
    ]);
    await expect(page.locator('.guidance li').first().textContent()).resolves.toMatch(
      /^Er der fare lige nu, så ring 112\./,
    );
    expect(await optionNames(page)).toEqual([
      'Krisecenter Fyn',
      'Gravideteam OUH',
      'Krisecenter Midt',
      'Krisecenter Sydfyn',
    ]);
    const first = page.locator('ol.options > li').first();
    // a secret address: no distance that points at it
    expect(await first.locator('.badge').allTextContents()).toEqual([
      '2 af 10 pladser ledige',
      'I kommunen',
    ]);
    expect(await first.locator('.reasons li').allTextContents()).toEqual([
      'Tager imod kvinder',
      'Hjælper med akut ophold',
      '2 ledige pladser',
      'Døgnåben',
      'Ligger i Odense',
    ]);
    expect(await first.locator('.next-steps li').allTextContents()).toEqual([
      'Personen kan selv ringe på +45 70 00 00 01 (døgnet rundt)',
      'Adressen er hemmelig: aftal ankomsten pr. telefon',
    ]);
    expect(await first.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+4570000001');
    // The professional line only with a token that allows it.
    expect(await first.locator('.professional').count()).toBe(0);
    const badges = await page.locator('ol.options > li .availability-full').allTextContents();
    expect(badges).toEqual(['Fuldt optaget']);

    // Nothing of the input leaves the page except in the POST body to /graphql.
    expect(page.url()).toBe(`${served.url}svar`);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await context.cookies()).toEqual([]);
    expect(requests.filter((r) => !r.url.startsWith(served.url))).toEqual([]);
    expect(blocked).toEqual([]);
    const referral = requests.filter((r) => r.body.includes('pregnancy-care'));
    expect(referral.map((r) => [r.method, r.url])).toEqual([['POST', `${served.url}graphql`]]);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'referral');
    // The answer as a user first sees it at a desk, scrolled to its heading.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.locator('#result-title').scrollIntoViewIfNeeded();
    await page.evaluate('document.getElementById("result-title").scrollIntoView()');
    await page.screenshot({ path: join(SCREENSHOTS, 'referral-answer-1280.png') });
  });

  it('switches to English: lang attribute, labels and the answer', async () => {
    const page = await open();
    await refer(page, PREGNANT_IN_ODENSE);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Suggestions' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.locator('.guidance li', { hasText: 'If there is danger now, call 112.' }).waitFor();
    const first = page.locator('ol.options > li').first();
    await first.locator('.reasons li', { hasText: 'Serves women' }).waitFor();
    expect(await first.locator('.badge').first().textContent()).toBe('2 of 10 places free');
    expect(await page.locator('#edit-input').textContent()).toBe('Change the details');
    await page.getByRole('button', { name: 'Skift til dansk' }).click();
    await page.getByRole('heading', { name: 'Forslag' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('da');
  });

  it('a man after rape in Aalborg gets the rape centre first', async () => {
    const page = await open();
    await refer(page, {
      groups: ['men'],
      needs: ['acute-examination-after-rape', 'psychological-treatment'],
      municipality: 'Aalborg',
    });
    expect(await optionNames(page)).toEqual([
      'Center for voldtægtsofre Nord',
      'Psykologhjælp Danmark',
    ]);
    expect(await guidanceCodes(page)).toEqual(['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL']);
    const first = page.locator('ol.options > li').first();
    expect(await first.locator('.type').textContent()).toBe('Center for voldtægtsofre · Aalborg');
    // A rape centre has no places to report: no availability badge at all.
    expect(await first.locator('[class*="availability-"]').count()).toBe(0);
    // What comes after is the plan alone: no second list of follow-ups.
    expect(await page.locator('.followups').count()).toBe(0);
    const plan = page.getByRole('region', { name: 'Hvad kommer bagefter' });
    expect(await plan.locator('.plan-step > h4').allTextContents()).toEqual([
      'Juridisk rådgivning',
    ]);
  });

  it('can be filled in and sent with the keyboard alone, with a visible focus', async () => {
    const page = await open();
    await page.locator('body').focus();
    await tabTo(page, 'group-women');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe(
      'none',
    );
    await page.keyboard.press('Space');
    await tabTo(page, 'group-pregnant-women');
    await page.keyboard.press('Space');
    await tabTo(page, 'need-emergency-stay');
    await page.keyboard.press('Space');
    await tabTo(page, 'need-pregnancy-care');
    await page.keyboard.press('Space');
    await tabTo(page, 'municipality');
    await page.keyboard.type('Odense');
    // The optional extras are folded away: open them with the keyboard too.
    await tabTo(page, 'extras-summary');
    await page.keyboard.press('Enter');
    await tabTo(page, 'add-child');
    await page.keyboard.press('Enter');
    await eventually(
      () => focusedId(page),
      (v) => expect(v).toMatch(/^child-age-/),
    );
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toMatch(/^child-boy-/);
    await page.keyboard.press('Space');
    await tabTo(page, 'refer-submit');
    await page.keyboard.press('Enter');
    await page.locator('#result-title').waitFor();
    await eventually(
      () => focusedId(page),
      (v) => expect(v).toBe('result-title'),
    );
    expect(await guidanceCodes(page)).toEqual([
      'DANGER_CALL_112',
      'SHELTER_PLACES_1888',
      'DUTY_TO_NOTIFY',
      'DUTY_TO_NOTIFY_UNBORN',
    ]);
    expect((await optionNames(page))[0]).toBe('Krisecenter Fyn');
  });

  it('says what is wrong next to the field, without sending anything', async () => {
    const page = await open();
    const requests = recordRequests(page);
    await page.getByLabel('Kommune').fill('Odensee');
    await page.locator('#extras-summary').click();
    await page.getByLabel('Alder', { exact: true }).fill('200');
    await page.getByRole('button', { name: 'Find steder' }).click();
    expect(await page.locator('#error-groups').textContent()).toBe(
      'Vælg mindst én målgruppe og ét behov.',
    );
    expect(await page.locator('#error-municipality').textContent()).toBe(
      'Vælg en kommune fra listen.',
    );
    expect(await page.locator('#error-age').textContent()).toBe(
      'Alder skal være et helt tal fra 0 til 120.',
    );
    expect(await page.getAttribute('#age', 'aria-invalid')).toBe('true');
    expect(requests.filter((r) => r.url.endsWith('/graphql')).length).toBe(0);
  });
});

describe('search', () => {
  it('finds with a typo, and a facet narrows the hits to its count', async () => {
    const page = await open();
    await page.getByRole('link', { name: 'Søg', exact: true }).click();
    await page.getByLabel('Søgeord').fill('krisecentr');
    await page.locator('form[role="search"]').getByRole('button', { name: 'Søg' }).click();
    await page.getByRole('heading', { name: '5 tilbud' }).waitFor();
    // Relevance decides the order; the set of hits is what the typo and facets decide.
    const hits = async () => (await page.locator('.hit-list .card-title').allTextContents()).sort();
    expect(await hits()).toEqual([
      'Krisecenter Fyn',
      'Krisecenter Midt',
      'Krisecenter Sydfyn',
      'Krisecenter for mænd Fyn',
      'Mandekrisecenter Nyborg',
    ]);
    const typeFacet = page.locator('label[for="facet-typeCodes-womens-shelter"]');
    expect(await typeFacet.textContent()).toBe('Kvindekrisecenter (3)');
    await page.locator('#facet-typeCodes-womens-shelter').check();
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    expect(await hits()).toEqual(['Krisecenter Fyn', 'Krisecenter Midt', 'Krisecenter Sydfyn']);
    const regionFacet = page.locator('label[for="facet-region-1083"]');
    expect(await regionFacet.textContent()).toBe('Region Syddanmark (2)');
    await page.locator('#facet-region-1083').check();
    await page.getByRole('heading', { name: '2 tilbud' }).waitFor();
    expect(await hits()).toEqual(['Krisecenter Fyn', 'Krisecenter Sydfyn']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'search');

    await page.getByRole('link', { name: 'Krisecenter Fyn' }).click();
    await page.locator('#detail-title').waitFor();
    expect(await page.locator('#detail-title').textContent()).toBe('Krisecenter Fyn');
    expect(await page.locator('dl.facts').textContent()).toContain(
      'Hemmelig adresse: aftal ankomsten pr. telefon.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'detail');
    await page.getByRole('button', { name: 'Til søgningen' }).click();
    await eventually(
      () => focusedId(page),
      (v) => expect(v).toBe(`hit-${id('shelter-fyn')}`),
    );
  });

  it('shows paging only when the hits fill more than one page', async () => {
    const page = await open();
    await page.getByRole('link', { name: 'Søg', exact: true }).click();
    await page.getByLabel('Søgeord').fill('fyn');
    await page.locator('form[role="search"]').getByRole('button', { name: 'Søg' }).click();
    await page.locator('.hit-list').waitFor();
    const total = await page.locator('#hits-title').textContent();
    expect(total).toMatch(/^\d+ tilbud$/);
    const hits = Number(/^\d+/.exec(total ?? '')?.[0]);
    expect(await page.locator('.pager').count()).toBe(hits > 10 ? 1 : 0);
  });
});

// The partner view's own tests are in partner.browser.ts.
describe('a professional key', () => {
  it('shows the direct intake line on the cards', async () => {
    const page = await open();
    await signIn(page, professionalToken);
    await page.getByText(/Denne nøgle hører ikke til en organisation/).waitFor();
    await page.getByRole('link', { name: 'Henvis', exact: true }).click();
    await refer(page, PREGNANT_IN_ODENSE);
    const first = page.locator('ol.options > li').first();
    expect(await first.locator('.professional').textContent()).toBe(
      'Direkte linje for fagpersoner: +45 70 00 00 99',
    );
  });
});

describe('demonstration data', () => {
  it('shows the notice on every view while demo data is present', async () => {
    const page = await open();
    expect(await page.locator('.demo-notice').count()).toBe(0);
    await createListings(
      served.api.neo,
      [organisation(`${P}-demo-org`, { name: 'Demo Org', demo: true })],
      [],
    );
    await page.reload();
    await page.locator('.demo-notice').waitFor();
    for (const view of ['Søg', 'Partner', 'Henvis']) {
      await page.getByRole('link', { name: view, exact: true }).click();
      expect(await page.locator('.demo-notice').isVisible()).toBe(true);
    }
  });
});

describe('referral plan', () => {
  // Added only now (after the search and referral tests above, whose counts are exact).
  const PLAN_ORG = `${P}-plan-org`;
  const planKind = referralNetwork(P, PLAN_ORG).kind;
  const PLAN_LISTINGS: ServiceSeed[] = [
    planKind.psychologist('plan-psych-nord', 'Kvinderådgivning Nord', '851', {
      targetGroupCodes: ['women'],
      coverage: onlyMunicipality('851'),
      phone: '+45 70 00 00 11',
      capacity: { totalPlaces: 5, freePlaces: 0 },
    }),
    planKind.legalAid('plan-legal-nord', 'Retshjælp Nord', '851', {
      coverage: region('1081'),
      phone: '+45 70 00 00 12',
    }),
    planKind.legalAid('plan-legal-national', 'Retshjælp Danmark', '101', {
      needCodes: ['legal-advice'],
      coverage: national,
    }),
  ];
  const AGE = '37';

  beforeAll(async () => {
    await createListings(
      served.api.neo,
      [organisation(PLAN_ORG, { name: 'Plan Test Org' })],
      PLAN_LISTINGS,
    );
  });

  it('a woman in Aalborg after a rape: the rape centre now, then a timeline of what follows', async () => {
    const page = await open();
    const requests = recordRequests(page);
    await page.locator('#extras-summary').click();
    await page.locator('#age').fill(AGE);
    await refer(page, {
      groups: ['women'],
      needs: ['acute-examination-after-rape'],
      municipality: 'Aalborg',
    });
    // The answer for now, as before.
    expect(await optionNames(page)).toEqual(['Center for voldtægtsofre Nord']);
    expect(await guidanceCodes(page)).toEqual(['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL']);
    // The answer and the plan came in one request.
    const asked = requests.filter((r) => r.body.includes('acute-examination-after-rape'));
    expect(asked.length).toBe(1);
    expect(asked[0].body).toContain('referralPlan');

    const plan = page.getByRole('region', { name: 'Hvad kommer bagefter' });
    await plan.waitFor();
    expect(await plan.locator('.plan-phase > h3').allTextContents()).toEqual([
      'Behandling, støtte og omsorg',
    ]);
    expect(await plan.locator('.plan-step > h4').allTextContents()).toEqual([
      'Psykologbehandling',
      'Juridisk rådgivning',
    ]);
    const step = (code: string) => plan.locator(`.plan-step[data-need="${code}"]`);
    expect(await step('psychological-treatment').locator('.plan-reason').textContent()).toBe(
      'Kommer typisk efter akut undersøgelse efter voldtægt',
    );
    const names = async (code: string) =>
      step(code)
        .locator(':scope > ol > li.plan-option > .plan-option-name strong')
        .allTextContents();
    expect(await names('psychological-treatment')).toEqual([
      'Center for voldtægtsofre Nord',
      'Kvinderådgivning Nord',
      'Psykologhjælp Danmark',
    ]);
    expect(await names('legal-advice')).toEqual(['Retshjælp Nord', 'Retshjælp Danmark']);
    // A full place: its badge, its phone as a link, and where to try instead.
    const full = step('psychological-treatment').locator(
      `li.plan-option[data-service-id="${id('plan-psych-nord')}"]`,
    );
    expect(await full.locator(':scope > .badges .badge').allTextContents()).toEqual([
      'Fuldt optaget',
    ]);
    expect(await full.locator(':scope > .badges a').getAttribute('href')).toBe('tel:+4570000011');
    const instead = full.getByRole('list', { name: 'Hvis der er fuldt, prøv' });
    expect(await instead.locator('.plan-option-name strong').allTextContents()).toEqual([
      'Center for voldtægtsofre Nord',
      'Psykologhjælp Danmark',
    ]);
    expect(
      await step('legal-advice')
        .getByRole('list', { name: 'Steder til Juridisk rådgivning' })
        .count(),
    ).toBe(1);

    // Nothing the user typed is in the answer area.
    expect(await page.locator('#result').innerText()).not.toContain(AGE);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'referral-plan');
    // Usable at a phone's width: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await plan.screenshot({ path: join(SCREENSHOTS, 'referral-plan-timeline-360.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Print: the button prints; the printout has the plan and the answer, not the form.
    await page.evaluate('window.__printed = 0; window.print = () => { window.__printed += 1; }');
    await page.getByRole('button', { name: 'Udskriv' }).click();
    expect(await page.evaluate('window.__printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#refer-form').isVisible()).toBe(false);
    expect(await page.locator('#age').isVisible()).toBe(false);
    expect(await page.locator('.result-place').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Udskriv' }).isVisible()).toBe(false);
    expect(await plan.isVisible()).toBe(true);
    expect(await page.locator('.guidance').isVisible()).toBe(true);
    const printed = await page.locator('body').innerText();
    expect(printed).not.toContain(AGE);
    expect(printed).not.toContain('For en person i');
    expect(printed).toContain('Center for voldtægtsofre Nord');
    expect(printed).toContain('Juridisk rådgivning');
    await page.emulateMedia({ media: 'screen' });
    // The input is still there behind the answer.
    await page.getByRole('button', { name: 'Ret oplysninger' }).click();
    expect(await page.locator('#age').inputValue()).toBe(AGE);
  });
});

describe('children at home, places to keep away from and the municipality', () => {
  // Added only now (after the tests above, whose counts are exact).
  const HOME_ORG = `${P}-home-org`;
  const homeKind = referralNetwork(P, HOME_ORG).kind;
  const HOME_LISTINGS: ServiceSeed[] = [
    homeKind.childSupport('home-children-fyn', 'Børnerådgivning Fyn', '461', {
      coverage: region('1083'),
      phone: '+45 70 00 00 21',
    }),
  ];

  beforeAll(async () => {
    await createListings(
      served.api.neo,
      [organisation(HOME_ORG, { name: 'Home Test Org' })],
      HOME_LISTINGS,
    );
  });

  /** The referral input the page sent, from the one POST that carried it. */
  const sentInput = (requests: { body: string }[], need: string): Record<string, unknown> => {
    const asked = requests.filter((r) => r.body.includes(need));
    expect(asked.length).toBe(1);
    return (JSON.parse(asked[0].body) as { variables: { input: Record<string, unknown> } })
      .variables.input;
  };

  const stepNames = (plan: Locator, code: string) =>
    plan
      .locator(`.plan-step[data-need="${code}"] > ol > li.plan-option > .plan-option-name strong`)
      .allTextContents();

  it('a mother in Odense with two children at home: the duty to notify and a step for the children', async () => {
    const page = await open();
    const requests = recordRequests(page);
    await page.locator('#extras-summary').click();
    for (const age of ['4', '9']) {
      await page.getByRole('button', { name: 'Tilføj barn i hjemmet' }).click();
      await eventually(
        () => focusedId(page),
        (v) => expect(v).toMatch(/^home-child-age-/),
      );
      await page.keyboard.type(age);
    }
    expect(await page.locator('#extras-summary .summary-title').textContent()).toBe(
      'Mere om personen (valgfrit) (2)',
    );
    await refer(page, { groups: ['women'], needs: ['emergency-stay'], municipality: 'Odense' });
    expect(sentInput(requests, 'emergency-stay')).toEqual({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      limit: 10,
      municipalityCode: '461',
      childrenAtHome: [4, 9],
    });
    expect(await guidanceCodes(page)).toEqual([
      'DANGER_CALL_112',
      'SHELTER_PLACES_1888',
      'DUTY_TO_NOTIFY',
    ]);
    expect(await page.locator('.guidance li[data-code="DUTY_TO_NOTIFY"]').textContent()).toContain(
      'En mistanke er nok',
    );
    const plan = page.getByRole('region', { name: 'Hvad kommer bagefter' });
    const children = plan.locator('.plan-step[data-need="child-psychological-treatment"]');
    expect(await children.locator('.plan-reason').textContent()).toContain(
      'Børnene i hjemmet: børn, der overværer vold, er selv udsat for vold',
    );
    expect(await stepNames(plan, 'child-psychological-treatment')).toEqual(['Børnerådgivning Fyn']);
    // Nothing of the children's ages in the answer.
    expect(await page.locator('#result').innerText()).not.toMatch(/\b9 år\b/);
  });

  it('a plan step answered by the person’s own municipality: its job centre, off the printout', async () => {
    const page = await open();
    await refer(page, { groups: ['women'], needs: ['emergency-stay'], municipality: 'Odense' });
    const plan = page.getByRole('region', { name: 'Hvad kommer bagefter' });
    const work = plan.locator('.plan-step[data-need="work-and-education"]');
    const municipal = work.locator('li.municipal-service');
    expect(await municipal.getAttribute('data-kind')).toBe('JOB_CENTRE');
    expect(await municipal.innerText()).toBe(
      'Odense Kommunes jobcenter hjælper med arbejde og uddannelse',
    );
    // Like a place, after any listed ones, but with nothing to call.
    expect(await work.locator('li.plan-option').last().getAttribute('class')).toBe(
      'plan-option municipal-service',
    );
    expect(await municipal.locator('a').count()).toBe(0);
    expect(await work.locator('.hint').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    expect(await municipal.innerText()).toBe('Kommunens jobcenter: arbejde og uddannelse');
    expect(await page.locator('body').innerText()).not.toContain('Odense');
    await page.emulateMedia({ media: 'screen' });
  });

  it('kept away from Odense, a woman in Odense: a shelter elsewhere first, Odense not on paper', async () => {
    const page = await open();
    const requests = recordRequests(page);
    await page.locator('#extras-summary').click();
    const keepAway = page.getByLabel('Tilføj et sted', { exact: true });
    await keepAway.fill('Odense');
    await keepAway.fill('Aarhus');
    await keepAway.fill('Odence');
    await keepAway.press('Enter');
    const chips = page.locator('.place-chips li');
    expect(await chips.allTextContents()).toEqual(['Odense×', 'Aarhus×']);
    // A typo is not taken, and says so before anything is sent.
    await page.locator('#group-women').check();
    await page.locator('#need-emergency-stay').check();
    await page.getByLabel('Kommune', { exact: true }).fill('Odense');
    await page.getByRole('button', { name: 'Find steder' }).click();
    expect(await page.locator('#error-keepAway').textContent()).toBe('Vælg en kommune fra listen.');
    expect(requests.filter((r) => r.body.includes('emergency-stay')).length).toBe(0);
    await keepAway.fill('');
    await page.getByRole('button', { name: 'Fjern Aarhus' }).click();
    expect(await chips.allTextContents()).toEqual(['Odense×']);
    await page.getByRole('button', { name: 'Find steder' }).click();
    await page.locator('#result-title').waitFor();
    expect(sentInput(requests, 'emergency-stay')).toEqual({
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay'],
      limit: 10,
      municipalityCode: '461',
      keepAwayFrom: ['461'],
    });
    expect(await optionNames(page)).toEqual([
      'Krisecenter Midt',
      'Krisecenter Sydfyn',
      'Krisecenter Fyn',
    ]);
    const last = page.locator('ol.options > li').last();
    expect(await last.locator('.reasons li').allTextContents()).toEqual([
      'Tager imod kvinder',
      'Ligger i eller nær Odense, som personen skal holde sig væk fra',
      'Hjælper med akut ophold',
      '2 ledige pladser',
      'Døgnåben',
      'Ligger i Odense',
    ]);
    // Her own municipality is one to keep away from: no step sends her back to it.
    expect(await page.locator('li.municipal-service').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('body').innerText();
    expect(printed).toContain('Krisecenter Midt');
    expect(printed).not.toContain('Odense');
    expect(printed).not.toContain('holde sig væk');
    await page.emulateMedia({ media: 'screen' });
    // Back at the form, the chip is still there to change.
    await page.getByRole('button', { name: 'Ret oplysninger' }).click();
    expect(await page.locator('.place-chips li').allTextContents()).toEqual(['Odense×']);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a woman who speaks Somali: the interpreter advice on screen, never on paper', async () => {
    const page = await open();
    await page.locator('#extras-summary').click();
    await page.locator('label[for="language-so"]').click();
    await refer(page, { groups: ['women'], needs: ['emergency-stay'], municipality: 'Odense' });
    expect(await guidanceCodes(page)).toEqual([
      'DANGER_CALL_112',
      'SHELTER_PLACES_1888',
      'INTERPRETER',
    ]);
    const interpreter = page.locator('.guidance li[data-code="INTERPRETER"]');
    expect(await interpreter.textContent()).toMatch(
      /^De første tilbud taler ikke somali: bestil en tolk til samtalen/,
    );
    await page.emulateMedia({ media: 'print' });
    expect(await interpreter.isVisible()).toBe(false);
    expect(await page.locator('body').innerText()).not.toContain('somali');
    await page.emulateMedia({ media: 'screen' });
  });
});
