// Issue 14, the mobile side, in a real Chromium at a phone's size (390 x 844) against the production build
// (tests/e2e/browser/designer-server.ts), no Asterisk: an administrator opens the People page, makes a one-time
// set-up link for bob, reads it from the page (QR code and text); the link answers bob's Linphone configuration once
// (his user name and ha1), then 410; a second link, revoked on the page, answers 410 too. Neither the top bar nor
// the page scrolls sideways. Screenshot: tests/e2e/screenshots/mobile-provisioning-qr.png.
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/mobile-provisioning.e2e.test.ts
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sipMd5Cred } from '#db/users.ts';
import { lpconfigValue, parseLpconfig } from '#provisioning/mobile/testing/parse-lpconfig.ts';
import { ENGLISH_LOCALE, eventually, launchChromium, signIn } from './browser/designer-page.ts';
import { REPO_ROOT, STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';

/** An iPhone 12 to 15's screen in CSS pixels. */
const PHONE = { width: 390, height: 844 };

let server: DesignerServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startDesignerServer({ flows: [] });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: ENGLISH_LOCALE,
  });
  page = await context.newPage();
  await signIn(page, server.baseUrl, STAFF.admin);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** How far the document is wider than the screen (0: no sideways scrolling). */
function sidewaysOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The set-up link the page shows, once a new one is made (it differs from `previous`). */
async function shownLink(previous?: string): Promise<string> {
  let url = '';
  await eventually(async () => {
    url = await page.getByTestId('mobile-link-url').inputValue();
    expect(url).toMatch(/\/provision\/[A-Za-z0-9_-]{43}$/);
    expect(url).not.toBe(previous);
  });
  return url;
}

describe('mobile phone set-up at a phone’s size', () => {
  it('shows the top bar and the People page without sideways scrolling', async () => {
    await page.goto(`${server.baseUrl}/people`);
    await page.getByTestId('person-bob').waitFor();
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    const bar = await page.locator('header.topbar').boundingBox();
    expect(bar!.x).toBeGreaterThanOrEqual(0);
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(PHONE.width);
    // Every link of the bar is on screen (it wraps onto more lines rather than running off the side).
    for (const box of await page
      .locator('header.topbar a, header.topbar button')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
    }
  });

  it('makes a link for bob, shown as a QR code and as text; it answers his account once, then 410', async () => {
    await page.getByTestId('person-bob').getByTestId('person-mobile-setup').click();
    const panel = page.getByTestId('mobile-setup');
    await panel.waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('Set up a mobile phone for Bob');
    expect(await page.getByTestId('mobile-links-none').textContent()).toBe('No outstanding link.');

    await page.getByTestId('mobile-link-create').click();
    const url = await shownLink();
    expect(url.startsWith(`${server.baseUrl}/provision/`)).toBe(true);
    const qr = page.getByTestId('mobile-link-qr');
    await eventually(async () =>
      expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0),
    );
    expect(await qr.getAttribute('alt')).toBe('QR code of the set-up link for Bob');
    expect(await page.getByTestId('mobile-link-expiry').textContent()).toMatch(/^Works once, until .+ \(30 min\)\.$/);
    expect(await page.getByTestId('mobile-links').locator('li').count()).toBe(1);

    // Nothing of the panel runs off the screen: the QR code, the link's field and the buttons fit 390 px.
    expect(await sidewaysOverflow()).toBeLessThanOrEqual(0);
    for (const part of [panel, qr, page.getByTestId('mobile-link-url'), page.getByTestId('mobile-link-revoke')]) {
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.screenshot({ path: `${REPO_ROOT}/tests/e2e/screenshots/mobile-provisioning-qr.png`, fullPage: true });

    // The phone fetches the link: no cookie, nothing but the address.
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const config = parseLpconfig(await first.text());
    expect(lpconfigValue(config, 'auth_info_0', 'username')).toBe('bob');
    // The seed people have the demo password in the suites (designer-server.ts).
    expect(lpconfigValue(config, 'auth_info_0', 'ha1')).toBe(sipMd5Cred('bob', 'bonjour'));
    expect(lpconfigValue(config, 'proxy_0', 'reg_identity')).toBe('"Bob" <sip:bob@127.0.0.1>');
    expect(lpconfigValue(config, 'proxy_0', 'reg_proxy')).toMatch(/^sip:127\.0\.0\.1:\d+;transport=tls$/);

    const second = await fetch(url);
    expect(second.status).toBe(410);
  });

  it('revokes a second link from the list; the revoked link answers 410', async () => {
    const used = await page.getByTestId('mobile-link-url').inputValue();
    await page.getByTestId('mobile-link-create').click();
    const url = await shownLink(used);
    // The used link is no longer outstanding: only the new one is listed.
    await eventually(async () => expect(await page.getByTestId('mobile-links').locator('li').count()).toBe(1));

    await page.getByTestId('mobile-link-revoke').click();
    await eventually(async () =>
      expect(await page.getByTestId('mobile-setup-done').textContent()).toBe(
        'Link revoked: it will not set up any phone.',
      ),
    );
    expect(await page.getByTestId('mobile-links-none').textContent()).toBe('No outstanding link.');
    expect(await page.getByTestId('mobile-link-qr').count()).toBe(0);
    expect((await fetch(url)).status).toBe(410);

    await page.getByTestId('mobile-setup-close').click();
    await page.waitForURL((address) => address.pathname === '/people' && address.search === '');
    // The address changes before React has rendered the page without the panel (CI saw it still there once).
    await eventually(async () => expect(await page.getByTestId('mobile-setup').count()).toBe(0));
  });
});
