// The outside world for runtime end-to-end tests: callers who dial a number through the real dialplan and the
// call records the runtime wrote about them.
//
// A caller is a Local channel originated by the test into `Local/<number>@from-internal`: that half runs the
// generated dialplan (-> Stasis(<runtime app>, <number>)) and becomes the runtime's call; the other half (the
// caller's "phone") enters the test's own Stasis app once the runtime answers, where the test sends DTMF on it
// and hangs it up. The test app must never be the runtime's: Asterisk gives an app to the newest WebSocket.
import { randomUUID } from 'node:crypto';
import { getCall, type CallRecord } from '#db/calls.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { AriConnection } from '#runtime/ari/connection.ts';
import type { AriSettings } from '#runtime/ari/settings.ts';
import { AriProbeClient, quietLog, testMedia, waitUntil } from '#runtime/ari/testing/asterisk.ts';

export interface PlacedCall {
  /** The caller's side (in the test's app). */
  callerChannelId: string;
  /** The side the runtime handles: the call record's channel id. */
  runtimeChannelId: string;
}

export class Callers {
  readonly probe: AriProbeClient;
  readonly connection: AriConnection;
  readonly app: string;

  constructor(
    readonly runtimeAri: AriSettings,
    private readonly db: SwitchboardDb,
  ) {
    this.app = `${runtimeAri.app}-caller`;
    this.probe = new AriProbeClient(runtimeAri);
    this.connection = new AriConnection({ ...runtimeAri, app: this.app }, { media: testMedia, log: quietLog });
    // The caller halves must stay up until the test hangs them up: a listener keeps the adapter from refusing them.
    this.connection.on('incoming-call', () => {});
  }

  async start(): Promise<void> {
    this.connection.start();
    await this.connection.waitForState('connected', 30_000);
  }

  async stop(): Promise<void> {
    await this.connection.stop();
  }

  /** Waits until the callers' own connection is up again, having (re)connected at or after `connectedAfter`. */
  async waitUntilConnected(timeoutMs: number, connectedAfter = 0): Promise<void> {
    await waitUntil(
      () =>
        this.connection.currentStatus.state === 'connected' &&
        this.connection.currentStatus.since.getTime() >= connectedAfter,
      timeoutMs,
      `the callers' app "${this.app}" connected (now ${this.connection.currentStatus.state}: ${this.connection.currentStatus.message})`,
    );
  }

  /** Dials `number` from the (unauthenticated) internal context, as a phone of the platform would. */
  async dial(number: string, context = 'from-internal', callerId = '"Test caller" <0999>'): Promise<PlacedCall> {
    const tag = randomUUID().slice(0, 8);
    const call = { callerChannelId: `caller-${tag}`, runtimeChannelId: `callee-${tag}` };
    const query = new URLSearchParams({
      endpoint: `Local/${number}@${context}`,
      app: this.app,
      appArgs: 'caller',
      channelId: call.callerChannelId,
      otherChannelId: call.runtimeChannelId,
      callerId,
    });
    await this.probe.request('POST', `/channels?${query}`);
    return call;
  }

  async press(call: PlacedCall, digits: string): Promise<void> {
    await this.probe.request(
      'POST',
      `/channels/${call.callerChannelId}/dtmf?dtmf=${encodeURIComponent(digits)}&duration=120`,
    );
  }

  async hangUp(call: PlacedCall): Promise<void> {
    await this.probe.hangup(call.callerChannelId).catch(() => {}); // already gone is fine: the flow may have ended it
  }

  /** The call record the runtime wrote for this call, or null while it has not started one. */
  record(call: PlacedCall): CallRecord | null {
    const row = this.db.sqlite.prepare('SELECT id FROM calls WHERE channel_id = ?').get(call.runtimeChannelId) as
      { id: string } | undefined;
    return row ? getCall(this.db, row.id) : null;
  }

  /** Waits until the record satisfies `check`, and returns it. */
  async recordWhen(
    call: PlacedCall,
    check: (record: CallRecord) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<CallRecord> {
    let last: CallRecord | null = null;
    await waitUntil(
      () => {
        last = this.record(call);
        return last !== null && check(last);
      },
      timeoutMs,
      `${what} (call ${call.runtimeChannelId}; last events: ${describeEvents(last)})`,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; last events: ${describeEvents(this.record(call))}`);
    });
    return last!;
  }
}

/** Texts of the prompts heard, in order, with how each ended. */
export function promptsPlayed(record: CallRecord): { text: string; outcome: string }[] {
  return record.events
    .filter((event) => event.kind === 'prompt-played')
    .map((event) => ({
      text: String(event.detail?.text ?? event.detail?.sound ?? ''),
      outcome: String(event.detail?.outcome),
    }));
}

export function nodesEntered(record: CallRecord): string[] {
  return record.events.filter((event) => event.kind === 'node-entered').map((event) => event.nodeId ?? '');
}

export function hasEntered(record: CallRecord, nodeId: string, times = 1): boolean {
  return nodesEntered(record).filter((id) => id === nodeId).length >= times;
}

export function describeEvents(record: CallRecord | null): string {
  if (!record) return 'no record';
  const events = record.events.map((event) =>
    [event.kind, event.nodeId, event.branch, event.digits, event.detail?.text ?? event.detail?.outcome]
      .filter((part) => part != null)
      .join(':'),
  );
  return `${events.join(' | ')} | ended=${record.endedAt ?? '-'} outcome=${record.outcome ?? '-'}`;
}
