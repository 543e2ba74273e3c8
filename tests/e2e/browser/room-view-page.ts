// The live room view (/conferences) the way staff use it, for the browser suites: open it signed in, read who is in
// a room, press a participant's or a room's button. Used with a fake runtime (conference-view.e2e.test.ts) and with
// the real one on Asterisk.
import type { Browser, Locator, Page } from 'playwright-core';
import { signIn, VIEWPORT, ENGLISH_LOCALE } from './designer-page.ts';
import type { StaffLogin } from './designer-server.ts';

export interface ParticipantOnPage {
  id: string;
  caller: string;
  muted: boolean;
  talking: boolean;
}

export class RoomViewPage {
  constructor(readonly page: Page) {}

  /** A new tab signed in as `login`, on /conferences, once its live stream is connected. */
  static async open(browser: Browser, baseUrl: string, login: StaffLogin): Promise<RoomViewPage> {
    const page = await browser.newPage({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    await signIn(page, baseUrl, login, `/sign-in?redirectTo=${encodeURIComponent('/conferences')}`);
    const view = new RoomViewPage(page);
    await view.waitUntilLive();
    return view;
  }

  waitUntilLive(): Promise<void> {
    return this.page.getByTestId('live-state').and(this.page.locator('[data-state="live"]')).waitFor();
  }

  room(number: string): Locator {
    return this.page.locator(`[data-room="${number}"]`);
  }

  participantRow(room: string, participantId: string): Locator {
    return this.room(room).locator(`tr[data-participant-id="${participantId}"]`);
  }

  /** The participants the page shows in `room` right now, in its order (none when the room is not shown). */
  participants(room: string): Promise<ParticipantOnPage[]> {
    return this.room(room)
      .locator('tr[data-participant-id]')
      .evaluateAll((rows) =>
        rows.map((row) => ({
          id: row.getAttribute('data-participant-id') ?? '',
          caller: row.querySelector('td')?.textContent?.trim() ?? '',
          muted: row.getAttribute('data-muted') === 'true',
          talking: row.getAttribute('data-talking') === 'true',
        })),
      );
  }

  /** Presses mute, unmute or kick on a participant's row (editors and admins only have them). */
  async participantAction(room: string, participantId: string, action: 'mute' | 'unmute' | 'kick'): Promise<void> {
    await this.participantRow(room, participantId).locator(`[data-action="${action}"]`).click();
  }

  /** Presses a room's button; "end" asks for confirmation, which this accepts. */
  async roomAction(
    room: string,
    action: 'lock' | 'unlock' | 'start-recording' | 'stop-recording' | 'end',
  ): Promise<void> {
    if (action === 'end') this.page.once('dialog', (dialog) => void dialog.accept());
    await this.room(room).locator(`[data-action="${action}"]`).click();
  }

  /** Whether the page still is the one loaded at open(): changes must arrive without reloading. */
  async markNotReloaded(): Promise<void> {
    await this.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  }

  notReloaded(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
  }
}
