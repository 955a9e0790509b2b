import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ServiceSeed } from '../../seed/loader';
import { createListings, deleteByPrefix, organisation, uniquePrefix } from '../support/factory';
import { national, referralNetwork, region } from '../support/referral-network';
import { deleteTokensAndOutbox } from '../support/tokens';
import {
  eventually,
  focusedId,
  launch,
  recordRequests,
  SCREENSHOTS,
  serve,
  Served,
} from './browser';

/*
 * The page for a professional with two minutes and a phone: the numbers to call first, a short
 * form, the answer in its place with a call button near the top, one view of what comes after,
 * a printout without the person, addresses for views and listings. Every check at a phone's
 * width (390 × 844) and a desk's (1280 × 900), against a small purpose-built directory.
 */
const P = uniquePrefix('page');
const ORG = `${P}-org`;
const { id, listing, kind } = referralNetwork(P, ORG);

const LISTINGS: ServiceSeed[] = [
  kind.womensShelter('shelter-fyn', 'Krisecenter Fyn', '461', {
    phone: '+45 70 00 01 01',
    capacity: { totalPlaces: 10, freePlaces: 2 },
    languages: ['da', 'ar'],
  }),
  kind.womensShelter('shelter-sydfyn', 'Krisecenter Sydfyn', '479', {
    phone: '+45 70 00 01 02',
    capacity: { totalPlaces: 5, freePlaces: 0 },
  }),
  kind.pregnancyTeam('pregnancy-team', 'Gravideteam OUH', '461', {
    coverage: region('1083'),
    phone: '+45 70 00 01 03',
  }),
  kind.mensShelter('men-nyborg', 'Mandekrisecenter Nyborg', '450', { phone: '+45 70 00 01 04' }),
  kind.psychologist('psych-national', 'Psykologhjælp Danmark', '101', {
    coverage: national,
    phone: '+45 70 00 01 05',
  }),
  kind.legalAid('legal-fyn', 'Retshjælp Fyn', '461', {
    coverage: region('1083'),
    needCodes: ['legal-advice', 'divorce', 'custody-and-contact'],
    phone: '+45 70 00 01 06',
  }),
  listing('counselling-fyn', {
    name: 'Rådgivning Fyn',
    targetGroupCodes: ['victims'],
    needCodes: ['social-counselling'],
    coverage: region('1083'),
    municipalityCode: '461',
    phone: '+45 70 00 01 07',
    languages: ['da', 'ar'],
  }),
];

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desk', width: 1280, height: 900 },
] as const;
type Screen = (typeof WIDTHS)[number];

const DOCS = join(__dirname, '..', '..', 'docs', 'page');
const FIGURES = join(SCREENSHOTS, 'page-figures.json');

let served: Served;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  served = await serve();
  await createListings(served.api.neo, [organisation(ORG, { name: 'Page Test Org' })], LISTINGS);
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (served) {
    await deleteByPrefix(served.api.neo, P);
    await deleteTokensAndOutbox(served.api.neo, P);
    await served.api.close();
  }
});

afterEach(async () => {
  await context?.close();
});

async function openAt(screen: Screen, path = ''): Promise<Page> {
  context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: 1,
    hasTouch: screen.name === 'phone',
    isMobile: screen.name === 'phone',
  });
  const page = await context.newPage();
  await page.goto(`${served.url}${path}`);
  await page.locator('h1:visible').first().waitFor();
  return page;
}

/** axe on the page as it is: no moderate, serious or critical violation. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact !== 'minor' && v.impact !== null)
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A tap on a phone, a click at a desk; counted, for the figures. */
function tapper(screen: Screen): { tap: (l: Locator) => Promise<void>; taps: () => number } {
  let count = 0;
  return {
    tap: async (l: Locator) => {
      count++;
      await (screen.name === 'phone' ? l.tap() : l.click());
    },
    taps: () => count,
  };
}

/** The midwife's case: a pregnant woman in Odense who needs a place to stay now. */
async function midwife(page: Page, screen: Screen): Promise<number> {
  const { tap, taps } = tapper(screen);
  await tap(page.locator('label[for="group-pregnant-women"]'));
  await tap(page.locator('label[for="need-emergency-stay"]'));
  await tap(page.locator('label[for="need-pregnancy-care"]'));
  await tap(page.getByLabel('Kommune'));
  await page.keyboard.type('Odense');
  await tap(page.getByRole('button', { name: 'Find steder' }));
  await page.locator('#result-title').waitFor();
  return taps();
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: join(DOCS, `${name}.png`), fullPage });
}

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) {
    throw new Error('not visible');
  }
  return b;
};

/** Top of an element from the top of the document, in CSS pixels. */
const pageTop = async (l: Locator): Promise<number> =>
  Math.round((await box(l)).y + Number(await l.page().evaluate('window.scrollY')));

function recordFigures(key: string, value: Record<string, number>): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(FIGURES, 'utf8')) as Record<string, unknown>;
  } catch {
    all = {};
  }
  all[key] = value;
  writeFileSync(FIGURES, `${JSON.stringify(all, null, 2)}\n`);
}

describe.each(WIDTHS)('at $width px', (screen) => {
  it('shows 112, 1888 and 114 as large tel: links first on every view', async () => {
    const page = await openAt(screen);
    const views: [string, () => Promise<void>][] = [
      ['refer', async () => {}],
      [
        'answer',
        async () => {
          await midwife(page, screen);
        },
      ],
      [
        'search',
        async () => {
          await page.getByRole('link', { name: 'Søg', exact: true }).click();
          await page.locator('#search-title').waitFor();
        },
      ],
      [
        'listing',
        async () => {
          await page.goto(`${served.url}tilbud/${id('shelter-fyn')}`);
          await page.locator('#detail-title').waitFor();
        },
      ],
      [
        'partner',
        async () => {
          await page.getByRole('link', { name: 'Partner', exact: true }).click();
          await page.locator('#partner-title').waitFor();
        },
      ],
    ];
    for (const [view, go] of views) {
      await go();
      const strip = page.getByRole('complementary', { name: 'Akut hjælp' });
      const links = strip.getByRole('link');
      expect([
        view,
        await Promise.all((await links.all()).map((a) => a.getAttribute('href'))),
      ]).toEqual([view, ['tel:112', 'tel:1888', 'tel:114']]);
      for (const link of await links.all()) {
        const b = await box(link);
        expect([view, b.width >= 44, b.height >= 44]).toEqual([view, true, true]);
      }
      // First in reading order: the first text of the page and the first thing Tab reaches.
      const firstText = await page.evaluate('document.body.innerText.trim().split("\\n")[0]');
      expect([view, firstText]).toEqual([view, '112']);
      const firstFocusable = await page.evaluate(
        `[...document.querySelectorAll('a[href], button, input, summary, [tabindex="0"]')]
          .find((el) => el.getClientRects().length > 0)?.getAttribute('href')`,
      );
      expect([view, firstFocusable]).toEqual([view, 'tel:112']);
      expect([view, await violations(page)]).toEqual([view, []]);
    }
  });

  it('puts the first place, its places and a large call button near the top after Find', async () => {
    const page = await openAt(screen);
    // The button is in reach before anything is chosen, and while the form scrolls past.
    const submit = page.getByRole('button', { name: 'Find steder' });
    const inView = async () => {
      const b = await box(submit);
      return b.y >= 0 && b.y + b.height <= screen.height;
    };
    expect(await inView()).toBe(true);
    await shoot(page, `refer-${screen.width}`);
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight / 2)');
    expect(await inView()).toBe(true);
    const formHeight = await page.evaluate('document.documentElement.scrollHeight');
    // Optional extras are folded away.
    expect(await page.locator('details.extras').getAttribute('open')).toBeNull();
    expect(await page.locator('#age').isVisible()).toBe(false);
    await page.evaluate('window.scrollTo(0, 0)');

    const taps = await midwife(page, screen);
    // The answer takes the form's place: no form, the view at its top.
    expect(await page.locator('#refer-form').count()).toBe(0);
    expect(await page.evaluate('window.scrollY')).toBe(0);
    const first = page.locator('ol.options > li').first();
    expect(await first.locator('.card-title').textContent()).toBe('Nr. 1 Krisecenter Fyn');
    expect(await first.locator('.availability-available').textContent()).toBe(
      '2 af 10 pladser ledige',
    );
    const call = first.locator('a.call');
    expect(await call.getAttribute('href')).toBe('tel:+4570000101');
    expect(await call.textContent()).toBe('Ring +45 70 00 01 01');
    const callBox = await box(call);
    expect(callBox.height).toBeGreaterThanOrEqual(44);
    expect(callBox.width).toBeGreaterThanOrEqual(44);

    const answerTop = await pageTop(page.locator('#result'));
    const callTop = await pageTop(call);
    const callBottom = Math.round(callTop + callBox.height);
    const nameTop = await pageTop(first.locator('.card-title'));
    // Within the first two screens after Find (the page is at its top).
    expect(callBottom).toBeLessThanOrEqual(2 * screen.height);
    expect(taps).toBe(5);
    recordFigures(`answer-${screen.width}`, {
      viewportHeight: screen.height,
      formHeight: Number(formHeight),
      answerTop,
      firstNameFromAnswerTop: nameTop - answerTop,
      firstCallButtonFromAnswerTop: callTop - answerTop,
      firstCallButtonBottomFromPageTop: callBottom,
      callButtonHeight: Math.round(callBox.height),
      tapsFromEmptyPage: taps,
      lettersTyped: 'Odense'.length,
    });
    await shoot(page, `answer-${screen.width}`);
    expect(await violations(page)).toEqual([]);
  });

  it('announces the result and shows errors next to the button, with the focus on them', async () => {
    const page = await openAt(screen);
    const requests = recordRequests(page);
    await page.getByRole('button', { name: 'Find steder' }).click();
    const errors = page.locator('#refer-errors');
    await errors.waitFor();
    expect(await errors.getAttribute('role')).toBe('alert');
    expect(await errors.locator('li').allTextContents()).toEqual([
      'Vælg mindst én målgruppe og ét behov.',
    ]);
    await eventually(
      () => focusedId(page),
      (v) => expect(v).toBe('refer-errors'),
    );
    // Next to the button, on the screen.
    const e = await box(errors);
    const b = await box(page.getByRole('button', { name: 'Find steder' }));
    expect(Math.abs(b.y - (e.y + e.height))).toBeLessThan(24);
    expect(e.y).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height).toBeLessThanOrEqual(screen.height);
    expect(
      requests.filter((r) => r.url.endsWith('/graphql') && r.body.includes('referral')),
    ).toEqual([]);
    await shoot(page, `refer-errors-${screen.width}`);
    expect(await violations(page)).toEqual([]);

    await midwife(page, screen);
    await eventually(
      () => page.locator('#refer-status').textContent(),
      (v) => expect(v).toBe('3 steder fundet. Nr. 1: Krisecenter Fyn.'),
    );
    expect(await page.locator('#refer-status').getAttribute('role')).toBe('status');
    await eventually(
      () => focusedId(page),
      (v) => expect(v).toBe('result-title'),
    );

    // A typo in the place after an answer: the error, and no answer left on screen.
    await page.getByRole('button', { name: 'Ret oplysninger' }).click();
    await page.getByLabel('Kommune').fill('Odence');
    await page.getByRole('button', { name: 'Find steder' }).click();
    await errors.waitFor();
    expect(await errors.locator('li').allTextContents()).toEqual(['Vælg en kommune fra listen.']);
    expect(await page.locator('#result').count()).toBe(0);
    await page.goForward();
    await page.locator('#refer-title').waitFor();
    expect(await page.locator('#result').count()).toBe(0);
  });

  it('shows what comes after once, as the plan timeline', async () => {
    const page = await openAt(screen);
    await midwife(page, screen);
    expect(await page.getByRole('heading', { name: 'Hvad kommer bagefter' }).count()).toBe(1);
    expect(await page.locator('.followups').count()).toBe(0);
    const plan = page.getByRole('region', { name: 'Hvad kommer bagefter' });
    expect(await plan.locator('.plan-step').count()).toBeGreaterThan(0);
    // Nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      screen.width,
    );
    await plan.scrollIntoViewIfNeeded();
    await page.evaluate('document.getElementById("plan-title").scrollIntoView()');
    await shoot(page, `plan-${screen.width}`);
    expect(await violations(page)).toEqual([]);
  });

  it('prints one or two A4 pages with the date, the data as of, room for notes and nothing about the person', async () => {
    const page = await openAt(screen);
    await page.locator('summary', { hasText: 'Mere om personen' }).click();
    await page.locator('label[for="language-ar"]').click();
    await page.getByLabel('Alder', { exact: true }).fill('34');
    await midwife(page, screen);
    const first = page.locator('ol.options > li').first();
    // On screen the reasons speak of her place and language; on paper they must not.
    expect(await first.locator('.reasons').textContent()).toContain('arabisk');
    expect(await page.locator('#result').innerText()).toContain('km');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('body').innerText();
    const lines = printed.split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toBe('Henvisning: steder og næste skridt');
    expect(lines[1]).toMatch(/^Udskrevet .+ · Data og ledige pladser pr\. .+$/);
    expect(printed).toContain('Noter');
    expect(printed).toContain('Krisecenter Fyn');
    expect(printed).toContain('+45 70 00 01 01');
    expect(printed).toContain('Hvad kommer bagefter');
    // On screen the plan teaches her Danish; on paper that step would say she speaks another language.
    expect(await page.locator('.plan-step[data-need="danish-language"]').count()).toBe(1);
    for (const personal of [
      'km',
      'Odense',
      'arabisk',
      'Danskundervisning',
      'I kommunen',
      'Ligger i',
      'For en person',
      '34',
    ]) {
      expect([personal, printed.includes(personal)]).toEqual([personal, false]);
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    recordFigures(`print-${screen.width}`, { a4Pages: pages });
    if (screen.name === 'desk') {
      await page.setViewportSize({ width: 794, height: 1123 });
      await shoot(page, 'print-a4', true);
    }
    await page.emulateMedia({ media: 'screen' });
  });

  it('gives views and listings their own addresses; Back, reload and the language switch keep them', async () => {
    const page = await openAt(screen);
    await midwife(page, screen);
    expect(page.url()).toBe(`${served.url}svar`);
    // The language switch keeps the view and the answer.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Suggestions' }).waitFor();
    expect(page.url()).toBe(`${served.url}svar?lang=en`);
    expect(await page.locator('ol.options .card-title').first().textContent()).toBe(
      'No. 1 Krisecenter Fyn',
    );
    await page.getByRole('button', { name: 'Skift til dansk' }).click();
    await page.getByRole('heading', { name: 'Forslag' }).waitFor();
    // Back to the form with what was chosen; Forward to the answer.
    await page.goBack();
    await page.locator('#refer-title').waitFor();
    expect(page.url()).toBe(served.url);
    expect(await page.locator('#need-pregnancy-care').isChecked()).toBe(true);
    expect(await page.getByLabel('Kommune').inputValue()).toBe('Odense');
    await page.goForward();
    await page.locator('#result-title').waitFor();
    // A listing from the answer, and Back to the answer.
    await page
      .locator('ol.options > li')
      .first()
      .getByRole('link', { name: /^Mere om/ })
      .click();
    await page.locator('#detail-title').waitFor();
    expect(page.url()).toBe(`${served.url}tilbud/${id('shelter-fyn')}`);
    await page.goBack();
    await page.locator('#result-title').waitFor();
    // A reload of the answer's address: the answer was never kept, so the form, and why.
    await page.reload();
    await page.locator('#refer-title').waitFor();
    // The form replaces the address once it has rendered, a moment after its heading.
    await eventually(
      () => Promise.resolve(page.url()),
      (url) => expect(url).toBe(served.url),
    );
    expect(await page.locator('.notice').textContent()).toContain('Svaret gemmes ikke');
    // The input never went into an address, storage or a cookie.
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    expect(await context.cookies()).toEqual([]);

    // A search at its own address: reload and Back keep it; a listing has its own.
    await page.getByRole('link', { name: 'Søg', exact: true }).click();
    await page.getByLabel('Søgeord').fill('krisecenter');
    await page.locator('form[role="search"]').getByRole('button', { name: 'Søg' }).click();
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    expect(page.url()).toBe(`${served.url}soeg?q=krisecenter`);
    if (screen.name === 'phone') {
      await page.locator('summary', { hasText: 'Afgræns' }).click();
    }
    await page.locator('#facet-typeCodes-womens-shelter').check();
    await page.getByRole('heading', { name: '2 tilbud' }).waitFor();
    expect(page.url()).toBe(`${served.url}soeg?q=krisecenter&type=womens-shelter`);
    await page.reload();
    await page.getByRole('heading', { name: '2 tilbud' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    await page.getByRole('link', { name: 'Krisecenter Sydfyn' }).click();
    await page.locator('#detail-title').waitFor();
    expect(page.url()).toBe(`${served.url}tilbud/${id('shelter-sydfyn')}`);
    await page.goBack();
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    await eventually(
      () => focusedId(page),
      (v) => expect(v).toBe(`hit-${id('shelter-sydfyn')}`),
    );
    await page.goForward();
    await page.locator('#detail-title').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'To the search' }).waitFor();
    expect(page.url()).toBe(`${served.url}tilbud/${id('shelter-sydfyn')}?lang=en`);
    await page.reload();
    expect(await page.locator('#detail-title').textContent()).toBe('Krisecenter Sydfyn');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // Back after the reload: the hits again, in the language chosen.
    await page.goBack();
    await page.getByRole('heading', { name: '3 services' }).waitFor();
    expect(page.url()).toBe(`${served.url}soeg?q=krisecenter&lang=en`);
  });

  it('search: hits with phone and places, filters folded on a phone, "krise center" as "krisecenter", no paging without hits', async () => {
    const page = await openAt(screen, 'soeg?q=krisecenter');
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    const names = () => page.locator('.hit-list .card-title').allTextContents();
    const together = await names();
    const hit = page.locator('.hit-list > li', { hasText: 'Krisecenter Fyn' });
    expect(await hit.locator('a.call').getAttribute('href')).toBe('tel:+4570000101');
    expect(await hit.locator('.badge').first().textContent()).toBe('2 af 10 pladser ledige');
    const full = page.locator('.hit-list > li', { hasText: 'Krisecenter Sydfyn' });
    expect(await full.locator('.badge').first().textContent()).toBe('Fuldt optaget');
    expect((await box(hit.locator('a.call'))).height).toBeGreaterThanOrEqual(44);
    const folded = screen.name === 'phone';
    expect(await page.locator('details.facets').getAttribute('open')).toBe(folded ? null : '');
    if (folded) {
      // The first hit on the first screen.
      expect((await box(page.locator('.hit-list > li').first())).y).toBeLessThan(screen.height);
    }
    await shoot(page, `search-${screen.width}`);
    expect(await violations(page)).toEqual([]);

    await page.goto(`${served.url}soeg?q=${encodeURIComponent('krise center')}`);
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    expect(await names()).toEqual(together);
    await page.goto(`${served.url}soeg?q=${encodeURIComponent('Krise-center')}`);
    await page.getByRole('heading', { name: '3 tilbud' }).waitFor();
    expect(await names()).toEqual(together);

    await page.goto(`${served.url}soeg?q=zzzqqq`);
    await page.getByRole('heading', { name: '0 tilbud' }).waitFor();
    expect(await page.locator('.pager').count()).toBe(0);
    expect(await page.locator('.hits').innerText()).toContain('Ingen tilbud matcher.');

    await page.goto(`${served.url}tilbud/${id('shelter-fyn')}`);
    await page.locator('#detail-title').waitFor();
    await shoot(page, `listing-${screen.width}`);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${served.url}partner`);
    await page.locator('#partner-title').waitFor();
    await shoot(page, `partner-${screen.width}`);
    expect(await violations(page)).toEqual([]);
  });
});

describe('static files', () => {
  it('sends the script brotli-compressed, cached for good under its content hash', async () => {
    const html = await (await fetch(served.url)).text();
    const script = /src="(\/assets\/main-[\w-]{8}\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const res = await fetch(`${served.url}${script?.slice(1)}`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(served.url, { headers: { 'accept-encoding': 'gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const sizes = {
      scriptBytes: Number(
        (
          await fetch(`${served.url}${script?.slice(1)}`, {
            headers: { 'accept-encoding': 'identity' },
          })
        ).headers.get('content-length'),
      ),
      scriptBrotliBytes: Number(res.headers.get('content-length')),
    };
    expect(sizes.scriptBrotliBytes).toBeLessThan(sizes.scriptBytes / 2);
    recordFigures('script', sizes);
  });
});

describe('demonstration data', () => {
  it('shows the notice inside a landmark on every view', async () => {
    await createListings(
      served.api.neo,
      [organisation(`${P}-demo-org`, { name: 'Demo Org', demo: true })],
      [],
    );
    const page = await openAt(WIDTHS[0]);
    const notice = page.getByRole('complementary', { name: 'Demonstrationsdata' });
    await notice.waitFor();
    for (const view of ['Søg', 'Partner', 'Henvis']) {
      await page.getByRole('link', { name: view, exact: true }).click();
      expect(await notice.isVisible()).toBe(true);
      expect(await violations(page)).toEqual([]);
    }
  });
});
