// Driving the designer the way a person does: Debian's Chromium (never a downloaded browser) through playwright-core,
// the sign-in form, palette items dragged onto the canvas, branches connected by dragging from handle to handle.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { StaffLogin } from './designer-server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium; each launch gets a fresh temporary profile, and nothing may reach the network but loopback. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/**
 * Chromium for the softphone suites: a fake microphone allowed without a prompt (a beep, or `wavFile` played in a
 * loop), audio that plays without a click, and loopback in WebRTC's ICE (left out unless told: Asterisk and the
 * browser share this machine's 127.0.0.1).
 */
export function launchChromiumWithMicrophone(wavFile?: string): Promise<Browser> {
  return launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(wavFile ? [`--use-file-for-fake-audio-capture=${wavFile}`] : []),
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ]);
}

/**
 * The suites written before the interface spoke French read its English texts: their browsers ask for English
 * (Accept-Language), as a person's browser set to English does. The French journey sets 'fr-FR' instead.
 */
export const ENGLISH_LOCALE = 'en-US';

/** The viewport of every suite: the narrowest screen the app is designed for (body min-width is 1024). */
export const VIEWPORT = { width: 1280, height: 900 };

/** Waits until `check` stops throwing (vitest's expect inside), then returns; fails with the last error. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Signs in through the form, as a person would, and waits for the page it leads to. */
export async function signIn(page: Page, baseUrl: string, login: StaffLogin, path = '/sign-in'): Promise<void> {
  if (path) await page.goto(baseUrl + path);
  await page.locator('#username').fill(login.username);
  await page.locator('#password').fill(login.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in'),
    page.locator('button[type=submit]').click(),
  ]);
  // The address changes before the new page is drawn: wait for the top bar to name the person (in any language).
  await page.locator(`.user-menu [data-username="${login.username}"]`).waitFor();
}

/** The CSRF token of the signed-in session, from the sign-out form every page carries. */
export function csrfTokenOf(page: Page): Promise<string> {
  return page.locator('.user-menu input[name=csrf]').inputValue();
}

/** The designer page of one flow, with the moves a person makes on it. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  get canvas(): Locator {
    return this.page.locator('.react-flow');
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  saveState(): Promise<string | null> {
    return this.page.getByTestId('save-state').getAttribute('data-state');
  }

  async waitUntilSaved(timeoutMs = 15_000): Promise<void> {
    await eventually(async () => expect(await this.saveState()).toBe('saved'), timeoutMs);
  }

  /** Ids of the nodes on the canvas, in document order. */
  nodeIds(): Promise<string[]> {
    return this.page
      .locator('.react-flow__node [data-node-type]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')!.slice('node-'.length)));
  }

  edgeCount(): Promise<number> {
    return this.page.locator('.react-flow__edge').count();
  }

  /** Where a point of the flow (document coordinates) is on the screen, from React Flow's viewport transform. */
  async flowToScreen(point: { x: number; y: number }): Promise<{ x: number; y: number }> {
    const { x, y, zoom } = await this.page.locator('.react-flow__viewport').evaluate((element) => {
      const matrix = new DOMMatrixReadOnly(getComputedStyle(element).transform);
      return { x: matrix.e, y: matrix.f, zoom: matrix.a };
    });
    const box = (await this.canvas.boundingBox())!;
    return { x: box.x + x + point.x * zoom, y: box.y + y + point.y * zoom };
  }

  /**
   * Drags a palette item onto the canvas so that the new node's corner lands at `at` (document coordinates; the
   * editor holds a dropped node by its title bar, 40 by 20 from its corner) and returns the new node's id.
   */
  async dropFromPalette(type: string, at: { x: number; y: number }): Promise<string> {
    const before = new Set(await this.nodeIds());
    const target = await this.flowToScreen({ x: at.x + 40, y: at.y + 20 });
    const box = (await this.canvas.boundingBox())!;
    await this.page.getByTestId(`palette-${type}`).dragTo(this.canvas, {
      targetPosition: { x: target.x - box.x, y: target.y - box.y },
    });
    let added: string[] = [];
    await eventually(async () => {
      added = (await this.nodeIds()).filter((id) => !before.has(id));
      expect(added).toHaveLength(1);
    });
    await expect(this.node(added[0]!).getAttribute('data-node-type')).resolves.toBe(type);
    return added[0]!;
  }

  /** Drags from a branch's handle to the target node's entry handle with the mouse, and waits for the new edge. */
  async connect(sourceId: string, branch: string, targetId: string): Promise<void> {
    const edgesBefore = await this.edgeCount();
    const from = await centreOf(this.page.getByTestId(`handle-${sourceId}-${branch}`));
    const to = await centreOf(this.page.getByTestId(`handle-${targetId}-in`));
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await this.page.mouse.move(to.x, to.y, { steps: 8 });
    await this.page.mouse.up();
    await eventually(async () => expect(await this.edgeCount()).toBe(edgesBefore + 1), 5_000);
  }

  /** Selects a node by clicking its title, which opens its form in the inspector. */
  async select(id: string): Promise<Locator> {
    await this.node(id).locator('.canvas-node-title').click();
    const inspector = this.page.getByTestId('node-inspector');
    await eventually(async () => expect(await inspector.getAttribute('data-node-id')).toBe(id));
    return inspector;
  }

  /** Clicks on an empty spot of the canvas: nothing is selected any more. */
  async clickEmptyCanvas(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.click(box.x + 12, box.y + 12);
  }

  async zoomOut(times: number): Promise<void> {
    for (let i = 0; i < times; i += 1) await this.page.locator('.react-flow__controls-zoomout').click();
    await this.page.waitForTimeout(300); // the zoom animates
  }

  /** Diagnostics shown in the problems panel: code and message of each. */
  diagnostics(): Promise<{ code: string; message: string }[]> {
    return this.page
      .getByTestId('diagnostics')
      .locator('[data-code]')
      .evaluateAll((elements) =>
        elements.map((element) => ({ code: element.getAttribute('data-code')!, message: element.textContent ?? '' })),
      );
  }

  async errorCount(): Promise<number> {
    return Number(await this.page.getByTestId('diagnostics').getAttribute('data-errors'));
  }
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
