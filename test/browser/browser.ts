import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { startApi, TestApi } from '../support/api';
import { WEB_DIST } from '../../src/web/web-page';

/** Debian's Chromium (`.ci/run` installs the `chromium` package); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export interface Served {
  api: TestApi;
  url: string;
}

/** The real app (same bootstrap as main.ts) listening on a free port, serving the built page. */
export async function serve(): Promise<Served> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm run test:browser does)');
  }
  const api = await startApi();
  await api.app.listen(0, '127.0.0.1');
  const server = api.app.getHttpServer() as { address(): AddressInfo };
  return { api, url: `http://127.0.0.1:${server.address().port}/` };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Every request the page makes, so a test can check that none leaves the server. */
export function recordRequests(page: Page): { url: string; method: string; body: string }[] {
  const seen: { url: string; method: string; body: string }[] = [];
  page.on('request', (request) =>
    seen.push({ url: request.url(), method: request.method(), body: request.postData() ?? '' }),
  );
  return seen;
}

/** Console messages of anything the Content-Security-Policy blocked. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      seen.push(message.text());
    }
  });
  return seen;
}

/** Screenshots at a phone's and a desktop's width, into the git-ignored test/screenshots. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** axe-core on the page as it is: no serious or critical violation (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The id of the focused element (keyboard tests). */
export async function focusedId(page: Page): Promise<string> {
  return String(await page.evaluate('document.activeElement ? document.activeElement.id : ""'));
}

/** Presses Tab until the element with this id has focus (fails after `max` presses). */
export async function tabTo(page: Page, id: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} never got the focus by Tab`);
}

/** Retries `read` until `check` passes (the page updates after its request answers). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  timeoutMs = 15000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > end) {
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
