// The browser's softphone in Chromium against the production server, with a stand-in for Asterisk on its SIP
// WebSocket (browser/fake-sip-peer.ts) and the credentials route answered by the test: registration, a refused one
// with "Use here", a busy number, an incoming call answered with real audio both ways (RTP over loopback, read from
// window.__softphone's RTCPeerConnection), hold and resume, a call that survives client-side navigation and the
// error page, the /phone page at a phone's size, and an account with no person. No Asterisk is needed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFlowDocument } from '#flows/document.ts';
import { ENGLISH_LOCALE, VIEWPORT, eventually, launchChromiumWithMicrophone, signIn } from './browser/designer-page.ts';
import { STAFF, startDesignerServer, type DesignerServer } from './browser/designer-server.ts';
import { fakeSipPeer, type FakeSipPeer } from './browser/fake-sip-peer.ts';

const READY = {
  status: 'ready',
  websocketPath: '/sip',
  sipUri: 'sip:bob~web@switchboard.invalid',
  authorizationUser: 'bob~web',
  password: 'a-password-of-the-test-only-1234',
  realm: 'asterisk',
  displayName: 'Bob',
  extension: '6002',
  iceServers: [],
};

let server: DesignerServer & { flowIds: string[] };
let browser: Browser;

beforeAll(async () => {
  const reception = emptyFlowDocument('Reception');
  reception.numbers = ['6100'];
  server = await startDesignerServer({ flows: [reception] });
  browser = await launchChromiumWithMicrophone();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Phone {
  context: BrowserContext;
  page: Page;
  sip: FakeSipPeer;
}

async function openPhone(
  options: {
    credentials?: object;
    refuseRegistration?: boolean;
    answerCalls?: boolean;
    viewport?: { width: number; height: number };
  } = {},
): Promise<Phone> {
  const context = await browser.newContext({ viewport: options.viewport ?? VIEWPORT, locale: ENGLISH_LOCALE });
  const page = await context.newPage();
  const remote = await context.newPage();
  await remote.goto(`${server.baseUrl}/healthz`);
  // The softphone's page in front: a background tab gets few animation frames, and every click waits for them.
  await page.bringToFront();
  await page.route('**/softphone/credentials', (route) => route.fulfill({ json: options.credentials ?? READY }));
  const sip = await fakeSipPeer(page, remote, {
    refuseRegistration: options.refuseRegistration,
    answerCalls: options.answerCalls,
  });
  await signIn(page, server.baseUrl, STAFF.editor);
  return { context, page, sip };
}

const registration = (page: Page) => page.getByTestId('softphone-status').getAttribute('data-state');
const callState = (page: Page) => page.getByTestId('softphone-call-state').getAttribute('data-state');

async function packets(page: Page): Promise<{ sent: number; received: number }> {
  return page.evaluate(async () => {
    const connection = window.__softphone?.peerConnection();
    let sent = 0;
    let received = 0;
    (await connection?.getStats())?.forEach(
      (report: { type: string; packetsSent?: number; packetsReceived?: number }) => {
        if (report.type === 'outbound-rtp') sent += report.packetsSent ?? 0;
        if (report.type === 'inbound-rtp') received += report.packetsReceived ?? 0;
      },
    );
    return { sent, received };
  });
}

describe('the softphone in a browser', () => {
  it('registers, and says a busy number is busy', async () => {
    const { context, page, sip } = await openPhone();
    await eventually(async () => expect(await registration(page)).toBe('registered'));
    expect(sip.received[0]).toMatch(/^REGISTER sip:switchboard\.invalid/);
    await page.getByTestId('softphone-toggle').click();
    await page.getByTestId('softphone-number').fill('6001');
    await page.getByTestId('softphone-call').click();
    await eventually(async () => expect(await callState(page)).toBe('ended'));
    expect(await page.getByTestId('softphone-error').getAttribute('data-kind')).toBe('busy');
    expect(sip.received).toContain('INVITE sip:6001@switchboard.invalid SIP/2.0');
    await context.close();
  });

  it('answers an incoming call with audio both ways, holds it, keeps it across pages, and hangs up', async () => {
    const { context, page, sip } = await openPhone();
    await eventually(async () => expect(await registration(page)).toBe('registered'));
    const { answered } = await sip.callBrowser();
    // The panel opens by itself, with who is calling.
    await page.getByTestId('softphone-answer').waitFor();
    expect(await callState(page)).toBe('incoming-ringing');
    await expect(page.getByTestId('softphone-call-state').textContent()).resolves.toContain('Alice Martin (201)');
    await page.getByTestId('softphone-answer').click();
    await answered;
    await eventually(async () => expect(await callState(page)).toBe('in-call'));
    await eventually(async () => {
      const flow = await packets(page);
      expect(flow.sent).toBeGreaterThan(20);
      expect(flow.received).toBeGreaterThan(20);
    });
    expect(
      await page
        .getByTestId('softphone-remote-audio')
        .evaluate((audio) => (audio as HTMLAudioElement).srcObject !== null),
    ).toBe(true);

    // Keys go into the audio as RFC 4733 events, through the RTCDTMFSender of the call's audio sender.
    await page.evaluate(() => {
      const sender = window.__softphone
        ?.peerConnection()
        ?.getSenders()
        .find((candidate) => candidate.track?.kind === 'audio');
      const tones: string[] = [];
      (window as unknown as { tones: string[] }).tones = tones;
      sender?.dtmf?.addEventListener('tonechange', (event) => tones.push(event.tone));
    });
    await page.getByTestId('softphone-key-5').click();
    await page.getByTestId('softphone-key-#').click();
    await eventually(async () =>
      expect(await page.evaluate(() => (window as unknown as { tones: string[] }).tones)).toEqual(
        expect.arrayContaining(['5', '#']),
      ),
    );

    // Mute silences the microphone's track, unmute brings it back.
    const microphoneOn = () =>
      page.evaluate(
        () =>
          window.__softphone
            ?.peerConnection()
            ?.getSenders()
            .find((candidate) => candidate.track?.kind === 'audio')?.track?.enabled,
      );
    await page.getByTestId('softphone-mute').click();
    await eventually(async () => expect(await microphoneOn()).toBe(false));
    await page.getByTestId('softphone-mute').click();
    await eventually(async () => expect(await microphoneOn()).toBe(true));

    await page.getByTestId('softphone-hold').click();
    await eventually(async () =>
      expect(await page.getByTestId('softphone-hold').getAttribute('aria-pressed')).toBe('true'),
    );
    await page.getByTestId('softphone-hold').click();
    await eventually(async () =>
      expect(await page.getByTestId('softphone-hold').getAttribute('aria-pressed')).toBe('false'),
    );
    // Each is a re-INVITE the far end answered (sendonly, then sendrecv again).
    await eventually(() => expect(sip.received.filter((line) => line.startsWith('INVITE'))).toHaveLength(2));

    // A page the editor may not open (People is for admins) shows the error page: the call goes on.
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Calls' }).click();
    await page.waitForURL((url) => url.pathname === '/calls');
    expect(await callState(page)).toBe('in-call');
    expect(sip.received.filter((line) => line.startsWith('REGISTER'))).toHaveLength(1);

    await page.getByTestId('softphone-hangup').click();
    await eventually(async () => expect(await callState(page)).toBe('ended'));
    expect(sip.received.some((line) => line.startsWith('BYE'))).toBe(true);
    await context.close();
  });

  it('transfers a call blind: REFER to the target, then the call ends as transferred', async () => {
    const { context, page, sip } = await openPhone();
    await eventually(async () => expect(await registration(page)).toBe('registered'));
    const { answered } = await sip.callBrowser();
    await page.getByTestId('softphone-answer').click();
    await answered;
    await eventually(async () => expect(await callState(page)).toBe('in-call'));
    await page.getByTestId('softphone-transfer').click();
    await page.getByTestId('softphone-transfer-target').fill('6004');
    await page.getByTestId('softphone-transfer-blind').click();
    await eventually(async () => expect(await callState(page)).toBe('ended'));
    expect(sip.referTo[0]).toContain('sip:6004@switchboard.invalid');
    expect(await page.getByTestId('softphone-call-state').textContent()).toContain('transferred');
    expect(sip.received.some((line) => line.startsWith('BYE'))).toBe(true);
    await context.close();
  });

  it('says a newer session took the phone over, and takes it back with "Use here"', async () => {
    const { context, page, sip } = await openPhone({ refuseRegistration: true });
    await eventually(async () => expect(await registration(page)).toBe('failed'));
    await page.getByTestId('softphone-toggle').click();
    expect(await page.getByTestId('softphone-error').textContent()).toContain('another browser');
    const before = sip.received.length;
    await page.getByTestId('softphone-use-here').click();
    await eventually(() => expect(sip.received.length).toBeGreaterThan(before));
    await context.close();
  });

  it('shows the whole phone on /phone at a phone size, and calls a flow from its page', async () => {
    const { context, page } = await openPhone({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.baseUrl}/phone`);
    await page.getByTestId('softphone-page').waitFor();
    await eventually(async () => expect(await registration(page)).toBe('registered'));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.goto(`${server.baseUrl}/flows/${server.flowIds[0]}`);
    await eventually(async () => expect(await registration(page)).toBe('registered'));
    await page.getByTestId('call-this-flow').click();
    await page.getByTestId('softphone-panel').waitFor();
    await eventually(async () => expect(await callState(page)).toBe('ended'));
    await context.close();
  });

  it('registers nothing for an account linked to no person, and says why', async () => {
    const { context, page, sip } = await openPhone({ credentials: { status: 'no-person' } });
    await page.getByTestId('softphone-toggle').click();
    await page.getByTestId('softphone-no-person').waitFor();
    expect(await registration(page)).toBe('unregistered');
    expect(sip.received).toEqual([]);
    await context.close();
  });
});
