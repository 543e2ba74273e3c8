// The web voicemail inbox in a real browser (Debian's Chromium through playwright-core) against the production build:
// bob signs in, finds the 3-second message left for him, plays it in the page (Chromium decodes the WAV it got by
// byte ranges), which marks it heard; then deletes it through the confirmation dialog. Alice's message stays out of
// his reach. No Asterisk: the message is written to voicemail_messages as the runtime would.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import { voicemailMessages } from '#db/schema.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson, listStaffPersonLinks } from '#db/voicemail-inbox.ts';
import { seedVoicemailMessage, type SeededMessage } from '#tests/testing/voicemail-messages.ts';
import { VIEWPORT, ENGLISH_LOCALE, eventually, launchChromium, signIn } from './browser/designer-page.ts';
import {
  REPO_ROOT,
  STAFF,
  startDesignerServer,
  type DesignerServer,
  type StaffLogin,
} from './browser/designer-server.ts';

/** Where the inbox screenshot goes: tests/e2e/screenshots/ (CI artifacts, ignored by git), or SCREENSHOT_DIR. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'tests/e2e/screenshots');

const BOB: StaffLogin = { username: 'bob', password: 'bob hears his messages', role: 'viewer' };

let server: DesignerServer;
let browser: Browser;
let context: BrowserContext;
let audioFolder: string;
let forBob: SeededMessage;
let forAlice: SeededMessage;

beforeAll(async () => {
  server = await startDesignerServer({ flows: [] });
  audioFolder = mkdtempSync(path.join(tmpdir(), 'switchboard-voicemail-e2e-'));
  const bob = getUserByUsername(server.db, 'bob')!;
  const alice = getUserByUsername(server.db, 'alice')!;
  forBob = seedVoicemailMessage(server.db, audioFolder, {
    box: '6002',
    userId: bob.id,
    callerNumber: '0612345678',
    callerName: 'Élodie Müller',
    receivedAt: Date.now() - 60_000,
    seconds: 3,
  });
  forAlice = seedVoicemailMessage(server.db, audioFolder, {
    box: '6001',
    userId: alice.id,
    callerNumber: '0698765432',
    callerName: 'François Dupré',
    receivedAt: Date.now() - 30_000,
  });
  const account = await createStaffAccount(server.db, BOB);
  linkStaffToPerson(server.db, { accountId: account.id, personId: bob.id, linkedBy: 'e2e setup' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
}, 240_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (audioFolder) rmSync(audioFolder, { recursive: true, force: true });
});

function stored(id: string) {
  return server.db.orm.select().from(voicemailMessages).where(eq(voicemailMessages.id, id)).get()!;
}

function audioOf(page: Page, id: string) {
  return page.getByTestId(`message-${id}`).locator('audio');
}

describe('the voicemail inbox in Chromium', () => {
  it('plays bob’s 3-second message in the page, which marks it heard, then deletes it after confirmation', async () => {
    const page = await context.newPage();
    await signIn(page, server.baseUrl, BOB, `/sign-in?redirectTo=${encodeURIComponent('/voicemail')}`);
    await page.waitForURL((url) => url.pathname === '/voicemail');

    // GIVEN bob's inbox: his message, new; nothing of alice's
    const row = page.getByTestId(`message-${forBob.id}`);
    await expect(row.getAttribute('data-state')).resolves.toBe('new');
    await expect(row.innerText()).resolves.toContain('Élodie Müller');
    expect(await page.getByTestId(`message-${forAlice.id}`).count()).toBe(0);
    await expect(page.getByTestId('voicemail-summary').innerText()).resolves.toBe('Box 6002 · Bob: 1 message, 1 new.');

    // WHEN the browser loads the audio: Chromium reads the WAV's length (3 s) and can seek in all of it
    const audio = audioOf(page, forBob.id);
    await eventually(async () => {
      expect(await audio.evaluate((element: HTMLAudioElement) => element.readyState)).toBeGreaterThanOrEqual(1);
    }, 15_000);
    const media = await audio.evaluate((element: HTMLAudioElement) => ({
      duration: element.duration,
      seekableEnd: element.seekable.length > 0 ? element.seekable.end(0) : 0,
    }));
    expect(media.duration).toBeCloseTo(3, 1);
    expect(media.seekableEnd).toBeCloseTo(3, 1);

    // AND bob plays it (muted: headless Chromium allows muted playback without a click)
    await audio.evaluate((element: HTMLAudioElement) => {
      element.muted = true;
      return element.play();
    });

    // THEN it really plays, and the message becomes heard in the page and in the database
    await eventually(async () => {
      expect(await audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.5);
    }, 15_000);
    await eventually(async () => expect(await row.getAttribute('data-state')).toBe('heard'));
    await eventually(() => expect(stored(forBob.id).heardAt).toEqual(expect.any(Number)));
    await expect(page.getByTestId('voicemail-summary').innerText()).resolves.toBe('Box 6002 · Bob: 1 message, 0 new.');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'voicemail-inbox.png') });

    // AND the browser cannot fetch alice's audio with bob's session
    const status = await page.evaluate(async (url) => (await fetch(url)).status, `/voicemail/${forAlice.id}/audio`);
    expect(status).toBe(404);

    // WHEN bob deletes it: the first click only asks; "Keep it" keeps it
    await row.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('Delete this message?');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(stored(forBob.id).deletedAt).toBeNull();

    // AND confirms the second time
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete message' }).click();

    // THEN the message leaves the page and the box (soft delete), and its audio is gone
    await eventually(async () => expect(await page.getByTestId(`message-${forBob.id}`).count()).toBe(0));
    await eventually(() => expect(stored(forBob.id).deletedAt).toEqual(expect.any(Number)));
    await expect(page.getByTestId('voicemail-summary').innerText()).resolves.toBe('Box 6002 · Bob: no messages.');
    const gone = await page.evaluate(async (url) => (await fetch(url)).status, `/voicemail/${forBob.id}/audio`);
    expect(gone).toBe(404);
    expect(stored(forAlice.id).deletedAt).toBeNull();
    await page.close();
  });

  it('shows an administrator every box with a filter, and lets them link an account to a person', async () => {
    const adminContext = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    try {
      const page = await adminContext.newPage();
      await signIn(page, server.baseUrl, STAFF.admin, `/sign-in?redirectTo=${encodeURIComponent('/voicemail')}`);
      await page.waitForURL((url) => url.pathname === '/voicemail');

      // GIVEN alice's message (bob's was deleted above): the admin sees it with its box and owner
      const row = page.getByTestId(`message-${forAlice.id}`);
      await expect(row.innerText()).resolves.toMatch(/6001 · Alice[\s\S]*François Dupré/);

      // WHEN the admin narrows the list to bob's box with the filter
      await page.getByTestId('box-filter').click();
      await page.getByRole('option', { name: /^6002 · Bob/ }).click();
      await page.waitForURL((url) => url.searchParams.get('box') === '6002');

      // THEN alice's message is not listed
      await eventually(async () => expect(await page.getByTestId(`message-${forAlice.id}`).count()).toBe(0));
      await expect(page.getByTestId('voicemail-summary').innerText()).resolves.toBe('Box 6002: no messages.');

      // WHEN the admin links the viewer account "victor" to julien on the access page
      await page.getByRole('link', { name: 'Who hears which box' }).click();
      await page.waitForURL((url) => url.pathname === '/voicemail/access');
      const victor = page.getByTestId(`access-${STAFF.viewer.username}`);
      await victor.getByRole('combobox', { name: `Person for ${STAFF.viewer.username}` }).click();
      await page.getByRole('option', { name: '6004 · Julien (julien)' }).click();
      await victor.getByRole('button', { name: 'Link' }).click();

      // THEN the link is stored, and the page says so
      await page.getByRole('status').filter({ hasText: 'Linked' }).waitFor();
      const links = listStaffPersonLinks(server.db).map((link) => [
        link.accountUsername,
        link.personUsername,
        link.linkedBy,
      ]);
      expect(links).toContainEqual([STAFF.viewer.username, 'julien', STAFF.admin.username]);
    } finally {
      await adminContext.close();
    }
  });
});
