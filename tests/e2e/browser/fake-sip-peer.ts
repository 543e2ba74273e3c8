// A stand-in for Asterisk on the softphone's SIP WebSocket, inside the test browser (Playwright's routeWebSocket): it
// registers the browser device, answers or refuses its INVITEs, calls it, and answers its re-INVITEs. The other end's
// audio is a second page's RTCPeerConnection with Chromium's fake microphone, so media really flows over loopback.
// It checks the softphone's SIP and WebRTC side without an Asterisk; the real PBX is the Asterisk suites' business.
import type { Page, WebSocketRoute } from 'playwright-core';

export function sipHeader(message: string, name: string): string {
  const line = message.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

function bodyOf(message: string): string {
  const at = message.indexOf('\r\n\r\n');
  return at < 0 ? '' : message.slice(at + 4);
}

/** A response to `request`, with its dialog headers, a To tag and an optional SDP body. */
export function sipResponse(request: string, status: string, options: { extra?: string[]; sdp?: string } = {}): string {
  const lines = [`SIP/2.0 ${status}`];
  for (const name of ['Via', 'From', 'Call-ID', 'CSeq']) lines.push(`${name}: ${sipHeader(request, name)}`);
  const to = sipHeader(request, 'To');
  lines.push(`To: ${to}${to.includes('tag=') ? '' : ';tag=fake-pbx'}`, ...(options.extra ?? []));
  if (options.sdp) {
    lines.push('Contact: <sip:pbx@fake.invalid;transport=ws>', 'Content-Type: application/sdp');
    lines.push(`Content-Length: ${Buffer.byteLength(options.sdp)}`, '', options.sdp);
  } else {
    lines.push('Content-Length: 0', '', '');
  }
  return lines.join('\r\n');
}

export interface FakeSipPeer {
  /** First lines of the messages the softphone sent ("REGISTER sip:... SIP/2.0", "SIP/2.0 180 Ringing"...). */
  received: string[];
  /** The Refer-To of each REFER the softphone sent (a transfer). */
  referTo: string[];
  /** Calls the softphone from "Alice Martin" <201>; `answered` resolves once the softphone answered (ACK sent). */
  callBrowser(): Promise<{ answered: Promise<void> }>;
}

/**
 * Serves the softphone's /sip WebSocket on `page`. REGISTER gets 200 (or 403 with `refuseRegistration`); an INVITE
 * from the softphone gets 486 Busy Here, or with `answerCalls` is answered by another peer connection of the `remote`
 * page; re-INVITEs (hold, resume) are answered by the `remote` page's peer connection of the incoming call.
 */
export async function fakeSipPeer(
  page: Page,
  remote: Page,
  options: { refuseRegistration?: boolean; answerCalls?: boolean } = {},
): Promise<FakeSipPeer> {
  const received: string[] = [];
  const referTo: string[] = [];
  /** The browser's side of the incoming call's dialog (its To with tag, its Contact), from its 200 OK. */
  let browserDialog: { to: string; contact: string } | null = null;
  let socket: WebSocketRoute | null = null;
  let contact = '';
  let answered: (() => void) | null = null;

  const answerOffer = (offer: string) =>
    remote.evaluate(async (sdp) => {
      const pc = (window as unknown as { pc: RTCPeerConnection }).pc;
      await pc.setRemoteDescription({ type: 'offer', sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      return pc.localDescription?.sdp ?? '';
    }, offer);

  await page.routeWebSocket(/\/sip$/, (ws) => {
    socket = ws;
    ws.onMessage(async (raw) => {
      const message = String(raw);
      received.push(message.split('\r\n')[0] ?? '');
      const cseq = sipHeader(message, 'CSeq');
      if (message.startsWith('REGISTER')) {
        contact = sipHeader(message, 'Contact').replace(/^<|>.*$/g, '');
        ws.send(
          options.refuseRegistration
            ? sipResponse(message, '403 Forbidden')
            : sipResponse(message, '200 OK', { extra: [`Contact: ${sipHeader(message, 'Contact')};expires=300`] }),
        );
      } else if (message.startsWith('INVITE') && sipHeader(message, 'To').includes('tag=')) {
        // A re-INVITE of ours (hold or resume): the remote page answers its offer.
        ws.send(sipResponse(message, '200 OK', { sdp: await answerOffer(bodyOf(message)) }));
      } else if (message.startsWith('INVITE') && options.answerCalls) {
        ws.send(sipResponse(message, '100 Trying'));
        ws.send(sipResponse(message, '200 OK', { sdp: await answerCall(remote, bodyOf(message)) }));
      } else if (message.startsWith('INVITE')) {
        ws.send(sipResponse(message, '100 Trying'));
        ws.send(sipResponse(message, '486 Busy Here'));
      } else if (message.startsWith('REFER')) {
        // The transfer is accepted, then reported done (NOTIFY with a sipfrag "200 OK"), as Asterisk does.
        referTo.push(sipHeader(message, 'Refer-To'));
        ws.send(sipResponse(message, '202 Accepted'));
        if (browserDialog) ws.send(notifyTransferDone(browserDialog));
      } else if (message.startsWith('SIP/2.0 200') && cseq.endsWith('INVITE')) {
        browserDialog = {
          to: sipHeader(message, 'To'),
          contact: sipHeader(message, 'Contact').replace(/^<|>.*$/g, ''),
        };
        await remote.evaluate(async (sdp) => {
          await (window as unknown as { pc: RTCPeerConnection }).pc.setRemoteDescription({ type: 'answer', sdp });
        }, bodyOf(message));
        ws.send(
          [
            `ACK ${contact} SIP/2.0`,
            'Via: SIP/2.0/WSS fake.invalid;branch=z9hG4bK-ack-1',
            'Max-Forwards: 70',
            `From: ${sipHeader(message, 'From')}`,
            `To: ${sipHeader(message, 'To')}`,
            `Call-ID: ${sipHeader(message, 'Call-ID')}`,
            `CSeq: ${cseq.split(' ')[0]} ACK`,
            'Content-Length: 0',
            '',
            '',
          ].join('\r\n'),
        );
        answered?.();
      } else if (message.startsWith('BYE') || message.startsWith('CANCEL')) {
        ws.send(sipResponse(message, '200 OK'));
      }
    });
  });

  return {
    received,
    referTo,
    async callBrowser() {
      const offer = await remote.evaluate(async () => {
        const pc = new RTCPeerConnection();
        (window as unknown as { pc: RTCPeerConnection }).pc = pc;
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const track of stream.getTracks()) pc.addTrack(track, stream);
        await pc.setLocalDescription(await pc.createOffer());
        await new Promise<void>((resolve) => {
          if (pc.iceGatheringState === 'complete') resolve();
          pc.addEventListener('icegatheringstatechange', () => {
            if (pc.iceGatheringState === 'complete') resolve();
          });
        });
        return pc.localDescription?.sdp ?? '';
      });
      if (!socket || !contact) throw new Error('The softphone has not registered yet');
      const up = new Promise<void>((resolve) => (answered = resolve));
      (socket as WebSocketRoute).send(
        [
          `INVITE ${contact} SIP/2.0`,
          'Via: SIP/2.0/WSS fake.invalid;branch=z9hG4bK-invite-1',
          'Max-Forwards: 70',
          'From: "Alice Martin" <sip:201@switchboard.invalid>;tag=caller-1',
          'To: <sip:bob~web@switchboard.invalid>',
          'Call-ID: fake-call-1',
          'CSeq: 1 INVITE',
          'Contact: <sip:201@fake.invalid;transport=ws>',
          'Content-Type: application/sdp',
          `Content-Length: ${Buffer.byteLength(offer)}`,
          '',
          offer,
        ].join('\r\n'),
      );
      // Resolved by the ACK above, once the person pressed Answer.
      return { answered: up };
    },
  };
}

/** The NOTIFY that ends a REFER's implicit subscription with success, inside the incoming call's dialog. */
function notifyTransferDone(dialog: { to: string; contact: string }): string {
  const body = 'SIP/2.0 200 OK\r\n';
  return [
    `NOTIFY ${dialog.contact} SIP/2.0`,
    'Via: SIP/2.0/WSS fake.invalid;branch=z9hG4bK-notify-1',
    'Max-Forwards: 70',
    'From: "Alice Martin" <sip:201@switchboard.invalid>;tag=caller-1',
    `To: ${dialog.to}`,
    'Call-ID: fake-call-1',
    'CSeq: 2 NOTIFY',
    'Event: refer',
    'Subscription-State: terminated;reason=noresource',
    'Contact: <sip:201@fake.invalid;transport=ws>',
    'Content-Type: message/sipfrag;version=2.0',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** The called side of a call the softphone places: a fresh peer connection of `remote` with its fake microphone. */
function answerCall(remote: Page, offer: string): Promise<string> {
  return remote.evaluate(async (sdp) => {
    const pc = new RTCPeerConnection();
    (window as unknown as { called: RTCPeerConnection[] }).called ??= [];
    (window as unknown as { called: RTCPeerConnection[] }).called.push(pc);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    await pc.setLocalDescription(await pc.createAnswer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') resolve();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
    });
    return pc.localDescription?.sdp ?? '';
  }, offer);
}
