// Issue 14 end to end: the web app's softphone in real Chromium, registered on the real Asterisk through the web
// app's SIP WebSocket proxy, with Chromium's fake microphone playing a tone from a WAV file. A staff account linked to
// bob registers as bob's browser device (bob~web); it calls the 6003 menu, hears the welcome (loudness measured in
// the page), presses 1 and talks with alice's phone, a sipp UAS that speaks (loudness measured in the page, and on
// Asterisk's side of alice's line for what she hears), over DTLS-SRTP, and keeps talking while moving to another
// page. A sipp caller dials 6002 and the browser rings, answers and hangs up from the page; a blind transfer from the
// page sends a caller to 6004, where julien's phone answers, and the caller and julien then hear each other (both keep
// talking: tests/sipp/uac-talk-until-bye.xml and uas-answer-talk.xml).
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/softphone.e2e.test.ts
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { AriProbeClient, requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { freeUdpPort, startSipp, type RunningSipp } from '#tests/sipp/sipp.ts';
import { ENGLISH_LOCALE, launchChromiumWithMicrophone, signIn, VIEWPORT } from './browser/designer-page.ts';
import { ensureFreshBuild, REPO_ROOT } from './browser/designer-server.ts';
import { ChannelEar } from './testing/channel-ear.ts';
import { registerDeskPhone, type DeskPhone } from './testing/phones.ts';
import { startAppWithAsterisk, type AppProcess } from './testing/app-process.ts';
import { seededWorkspace, type RuntimeWorkspace } from './testing/runtime-process.ts';

const ari = requireAriSettings();
const probe = new AriProbeClient(ari);
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;
const SCREENSHOTS = path.join(REPO_ROOT, 'tests/e2e/screenshots');
const BEA = { username: 'bea', password: 'bea answers the phone', role: 'editor' as const };
/** RMS of the page's received audio (0..1) above which it is sound, not comfort noise or silence. */
const HEARD = 0.01;

let workspace: RuntimeWorkspace;
let app: AppProcess;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let ear: ChannelEar;

/** 440 Hz at half scale, 48 kHz mono 16-bit: what Chromium's fake microphone "says" throughout. */
function toneWav(seconds: number): string {
  const rate = 48_000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(16_000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'softphone-mic-')), 'tone.wav');
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

/** The loudest RMS of the softphone's received audio over `ms`, measured in the page with a Web Audio analyser. */
async function receivedLoudness(ms: number): Promise<number> {
  return page.evaluate(async (duration) => {
    const hook = (window as unknown as { __softphone?: { peerConnection(): RTCPeerConnection | undefined } })
      .__softphone;
    const connection = hook?.peerConnection();
    const track = connection?.getReceivers().find((receiver) => receiver.track.kind === 'audio')?.track;
    if (!track) throw new Error('no audio is being received');
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let loudest = 0;
    const end = performance.now() + duration;
    while (performance.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      loudest = Math.max(loudest, Math.sqrt(sum / samples.length));
    }
    await audio.close();
    return loudest;
  }, ms);
}

/** DTLS as the browser sees it: the transport of its peer connection and the cipher it negotiated for SRTP. */
async function browserTransport(): Promise<{ dtlsState?: string; srtpCipher?: string }> {
  return page.evaluate(async () => {
    const hook = (window as unknown as { __softphone?: { peerConnection(): RTCPeerConnection | undefined } })
      .__softphone;
    const stats = await hook!.peerConnection()!.getStats();
    let found: { dtlsState?: string; srtpCipher?: string } = {};
    stats.forEach((report: { type: string; dtlsState?: string; srtpCipher?: string }) => {
      if (report.type === 'transport') found = { dtlsState: report.dtlsState, srtpCipher: report.srtpCipher };
    });
    return found;
  });
}

interface AriChannel {
  id: string;
  name: string;
  state: string;
}

async function channelNamed(prefix: string): Promise<AriChannel> {
  let found: AriChannel | undefined;
  await waitUntil(
    async () => {
      const channels = await probe.request<AriChannel[]>('GET', '/channels');
      found = channels.find((channel) => channel.name.startsWith(prefix) && channel.state === 'Up');
      return found !== undefined;
    },
    20_000,
    `a channel ${prefix}… up`,
  );
  return found!;
}

const callState = () => page.getByTestId('softphone-call-state').getAttribute('data-state');

async function waitForCallState(state: string, timeoutMs = 20_000): Promise<void> {
  await page.locator(`[data-testid="softphone-call-state"][data-state="${state}"]`).waitFor({ timeout: timeoutMs });
}

async function openPanel(): Promise<void> {
  if (!(await page.getByTestId('softphone-panel').isVisible())) await page.getByTestId('softphone-toggle').click();
  await page.getByTestId('softphone-panel').waitFor();
}

/** A sipp caller (the sandbox's unauthenticated endpoint) dialling `number`, staying until the other side hangs up. */
async function callerDialling(number: string): Promise<RunningSipp> {
  return startSipp({
    scenario: 'uac-wait-bye',
    target: sipTarget,
    port: await freeUdpPort(),
    mediaPort: await freeUdpPort(),
    args: ['-s', number, '-key', 'caller', 'sipp'],
    timeoutSeconds: 120,
  });
}

/** Like callerDialling, but the caller keeps talking until the other side hangs up (to measure after a transfer). */
async function talkingCallerDialling(number: string): Promise<RunningSipp> {
  return startSipp({
    scenario: 'uac-talk-until-bye',
    target: sipTarget,
    port: await freeUdpPort(),
    mediaPort: await freeUdpPort(),
    args: ['-s', number, '-key', 'caller', 'sipp'],
    timeoutSeconds: 140,
  });
}

beforeAll(async () => {
  ensureFreshBuild();
  // GIVEN a fresh install (seed people alice, bob, julien; the example flows, 6003 among them) and a staff member
  // whose account an administrator linked to bob
  workspace = await seededWorkspace();
  const bea = await createStaffAccount(workspace.db, BEA);
  const bob = getUserByUsername(workspace.db, 'bob')!;
  linkStaffToPerson(workspace.db, { accountId: bea.id, personId: bob.id, linkedBy: 'e2e setup' });

  // AND the app as `npm start` runs it, attached to the sandbox Asterisk
  app = await startAppWithAsterisk(workspace, ari);
  baseUrl = app.baseUrl;
  ear = await ChannelEar.open(ari, `softphone-ear-${process.pid}`);

  // AND Chromium with a fake microphone, allowed to use it and to show notifications
  browser = await launchChromiumWithMicrophone(toneWav(120));
  context = await browser.newContext({ locale: ENGLISH_LOCALE, viewport: VIEWPORT });
  await context.grantPermissions(['microphone', 'notifications'], { origin: baseUrl });
  page = await context.newPage();
  await signIn(page, baseUrl, BEA);
}, 240_000);

beforeEach(() => {
  // A test that failed mid-call must not leave the phone busy for the next one.
  onTestFailed(async () => {
    if (['in-call', 'outgoing-ringing', 'transferring'].includes((await callState().catch(() => null)) ?? '')) {
      await page
        .getByTestId('softphone-hangup')
        .click()
        .catch(() => {});
    }
  });
  onTestFailed(() => console.error(`--- app output (last 6000 chars) ---\n${app?.output().slice(-6_000)}`));
});

afterAll(async () => {
  await browser?.close();
  ear?.close();
  await app?.stop();
  workspace?.remove();
});

describe('the softphone in the browser', () => {
  it('registers as bob~web through the web app', async () => {
    await openPanel();
    await page.locator('[data-testid="softphone-status"][data-state="registered"]').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'softphone-registered.png') });
    // Asterisk's side: the browser device has a contact, reached over the WebSocket the web app proxies
    const endpoint = await probe.request<{ state: string; channel_ids: string[] }>('GET', '/endpoints/PJSIP/bob~web');
    expect(endpoint.state).toBe('online');
  }, 60_000);

  it('calls 6003, hears the welcome, presses 1 and talks with alice both ways over DTLS-SRTP', async () => {
    // alice's desk phone answers and speaks (sipp's bundled speech sample)
    const alice: DeskPhone = await registerDeskPhone('alice', 'uas-answer-speak', sipTarget, {
      calls: 1,
      timeoutSeconds: 90,
    });
    try {
      await openPanel();
      await page.getByTestId('softphone-number').fill('6003');
      await page.getByTestId('softphone-call').click();
      await waitForCallState('in-call');
      // The welcome prompt reaches the page
      const welcome = await receivedLoudness(2_000);
      console.info(`softphone: the welcome prompt's RMS in the page ${welcome.toFixed(3)}`);
      expect(welcome).toBeGreaterThan(HEARD);
      // DTLS-SRTP, on Asterisk's side (the browser's channel is the caller in the runtime's Stasis app)...
      const own = await channelNamed('PJSIP/bob~web-');
      const secure = await probe.request<{ value: string }>(
        'GET',
        `/channels/${encodeURIComponent(own.id)}/variable?variable=${encodeURIComponent('CHANNEL(rtp,secure)')}`,
      );
      expect(secure.value).toBe('1');
      // ...and on the browser's (a browser has no other kind of SRTP)
      const transport = await browserTransport();
      expect(transport.dtlsState).toBe('connected');
      expect(transport.srtpCipher).toBeTruthy();

      // Key 1 of the menu: alice
      await page.getByTestId('softphone-key-1').click();
      const aliceLine = await channelNamed('PJSIP/alice-');
      await waitForCallState('in-call');
      // alice hears the browser's microphone (measured on her line, on Asterisk's side)...
      const aliceHears = await ear.loudness(aliceLine.id, 'out', 3);
      // ...and the page hears alice speak
      const browserHears = await receivedLoudness(2_000);
      console.info(
        `softphone: alice hears ${aliceHears.toFixed(1)} dBFS (on Asterisk's side); the page hears alice at RMS ${browserHears.toFixed(3)}`,
      );
      expect(aliceHears).toBeGreaterThan(-40);
      expect(browserHears).toBeGreaterThan(HEARD);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'softphone-in-call.png') });

      // Moving to another page of the app keeps the call, sound and all
      await page.locator('nav a[href="/calls"]').click();
      await page.waitForURL((url) => url.pathname === '/calls');
      await openPanel();
      expect(await callState()).toBe('in-call');
      expect(await receivedLoudness(1_500)).toBeGreaterThan(HEARD);

      await page.getByTestId('softphone-hangup').click();
      await waitUntil(async () => (await callState()) !== 'in-call', 10_000, 'the call over in the page');
      const alicesCall = await Promise.race([
        alice.phone.done,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000)),
      ]);
      expect(alicesCall?.exitCode, 'alice got the BYE').toBe(0);
    } finally {
      await alice.unregister();
    }
  }, 120_000);

  it('rings for a caller dialling 6002, answers and hangs up from the page', async () => {
    const caller = await callerDialling('6002');
    await waitForCallState('incoming-ringing');
    // The card names the caller (the sandbox's caller says "sipp"), not "anonymous"
    expect(await page.getByTestId('softphone-call-state').textContent()).toContain('sipp');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'softphone-incoming.png') });
    await page.getByTestId('softphone-answer').click();
    await waitForCallState('in-call');
    // The caller's speech (sipp's bundled sample) reaches the page
    const callerHeard = await receivedLoudness(2_000);
    console.info(`softphone: the caller's speech at RMS ${callerHeard.toFixed(3)} in the page`);
    expect(callerHeard).toBeGreaterThan(HEARD);
    await page.getByTestId('softphone-hangup').click();
    const result = await caller.done;
    expect(result.exitCode, `the caller got the BYE:\n${result.output}`).toBe(0);
  }, 90_000);

  it('after a blind transfer to 6004, the caller and julien hear each other', async () => {
    // Both keep talking until they get a BYE, so the sound can be measured once the transfer is done
    const julien = await registerDeskPhone('julien', 'uas-answer-talk', sipTarget, { calls: 1, timeoutSeconds: 120 });
    try {
      const caller = await talkingCallerDialling('6002');
      await waitForCallState('incoming-ringing');
      await page.getByTestId('softphone-answer').click();
      await waitForCallState('in-call');
      const callerLine = await channelNamed('PJSIP/sipp-');
      await page.getByTestId('softphone-transfer').click();
      await page.getByTestId('softphone-transfer-target').fill('6004');
      await page.getByTestId('softphone-transfer-blind').click();
      const julienLine = await channelNamed('PJSIP/julien-');
      await waitUntil(async () => (await callState()) !== 'transferring', 10_000, 'the page free after the transfer');
      // Measured on Asterisk's side of each line
      const julienHears = await ear.loudness(julienLine.id, 'out', 3);
      const callerHears = await ear.loudness(callerLine.id, 'out', 3);
      console.info(
        `softphone: after the blind transfer julien hears ${julienHears.toFixed(1)} dBFS, the caller hears ${callerHears.toFixed(1)} dBFS`,
      );
      expect(julienHears, 'julien hears the caller').toBeGreaterThan(-40);
      expect(callerHears, 'the caller hears julien').toBeGreaterThan(-40);
      // julien hangs up: the caller gets the BYE
      await probe.hangup(julienLine.id);
      const result = await caller.done;
      expect(result.exitCode, `the caller:\n${result.output}`).toBe(0);
      const julienCall = await julien.phone.done;
      expect(julienCall.exitCode, `julien's phone:\n${julienCall.output}`).toBe(0);
    } finally {
      await julien.unregister().catch(() => {});
    }
  }, 120_000);

  it('blind-transfers a caller to 6004, where julien answers', async () => {
    // julien's phone answers, talks 3 s and hangs up
    const julien = await registerDeskPhone('julien', 'uas-answer-hangup', sipTarget, { calls: 1, timeoutSeconds: 90 });
    try {
      const caller = await callerDialling('6002');
      await waitForCallState('incoming-ringing');
      await page.getByTestId('softphone-answer').click();
      await waitForCallState('in-call');
      await page.getByTestId('softphone-transfer').click();
      await page.getByTestId('softphone-transfer-target').fill('6004');
      await page.getByTestId('softphone-transfer-blind').click();
      // julien's phone was rung, answered and hung up; the caller talked to him and got his BYE
      const julienCall = await julien.phone.done;
      expect(julienCall.exitCode, `julien's phone:\n${julienCall.output}`).toBe(0);
      // The INVITE julien's phone got says who is calling: the transferred caller
      expect(julienCall.messages).toMatch(/INVITE sip:[^]*?\nFrom: [^\n]*sipp/);
      const result = await caller.done;
      expect(result.exitCode, `the caller:\n${result.output}`).toBe(0);
      // The browser is free again
      await waitUntil(async () => (await callState()) !== 'in-call', 10_000, 'the page free after the transfer');
    } finally {
      await julien.unregister().catch(() => {});
    }
  }, 120_000);
});
