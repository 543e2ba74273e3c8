// AriConnection against a real Asterisk: wrong password, stop() leaving nothing behind, Asterisk restarts and a
// long outage (50 s; ari-client, used before ADR 022, gave up for good after ~43 s). The restart tests stop and
// start the sandbox Asterisk through its control script (see asteriskSandbox in testing/asterisk.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CallerHungUp } from '#runtime/call-port.ts';
import { ChannelLost } from './call-port.ts';
import { AriConnection, type AriConnectionOptions, type AriConnectionStatus, type AriResync } from './connection.ts';
import {
  ariAnswers,
  AriProbeClient,
  asteriskSandbox,
  nextIncomingCall,
  quietLog,
  requireAriSettings,
  testMedia,
} from './testing/asterisk.ts';

const settings = requireAriSettings();
const asterisk = new AriProbeClient(settings);
const connections: AriConnection[] = [];

function connect(overrides: Partial<typeof settings> = {}, options: Partial<AriConnectionOptions> = {}): AriConnection {
  const connection = new AriConnection({ ...settings, ...overrides }, { media: testMedia, log: quietLog, ...options });
  connections.push(connection);
  connection.start();
  return connection;
}

afterEach(async () => {
  if (!(await ariAnswers(settings))) await asteriskSandbox('start'); // a failed outage test must not break the next
  // Channels go before the connections: a WebSocket that closes while a channel is in its app leaves the app listed
  // in Asterisk, inactive, refusing calls, and a later suite's start-up could mistake it for its own.
  await asterisk.clearAll();
  for (const connection of connections.splice(0)) await connection.stop();
});

describe('AriConnection', () => {
  it('reports a wrong password as auth-failed, keeps retrying and keeps the process alive', async () => {
    const states: AriConnectionStatus[] = [];
    const connection = connect({ password: 'definitely-wrong' });
    connection.on('state', (status) => states.push(status));
    const failed = await connection.waitForState('auth-failed', 10_000);
    expect(failed.message).toMatch(new RegExp(`ARI rejected user "${settings.username}": wrong password`));
    await expect(connection.rest.listChannelIds()).rejects.toThrow(/ARI is not connected \(auth-failed/);
    // still alive after several retries: this process did not crash, and the state did not flap
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(states.map((status) => status.state)).toEqual(['auth-failed']);
    // a right password on the same Asterisk works meanwhile
    const good = connect();
    await good.waitForState('connected', 10_000);
  });

  it('stop() after a call leaves nothing running: the process exits on its own', async () => {
    const child = runExitFixture('call');
    await child.waitForLine(/^ready$/, 20_000);
    await asterisk.originateIntoApp('Local/30@wait', '700', `${settings.app}-exit`);
    await child.waitForLine(/^played /, 10_000);
    const { stoppedAt, exitedAt, code } = await child.exit(10_000);
    expect(code).toBe(0);
    expect(exitedAt - stoppedAt).toBeLessThan(1_500);
  });

  it('stop() while retrying an unreachable Asterisk leaves no retry timer behind', async () => {
    const child = runExitFixture('retrying');
    const { stoppedAt, exitedAt, code } = await child.exit(30_000);
    expect(code).toBe(0);
    expect(exitedAt - stoppedAt).toBeLessThan(1_500);
    expect(child.output()).toContain('state disconnected');
  });

  it('comes back after an Asterisk restart: calls it hung up are ended, new calls arrive', async () => {
    // GIVEN a call in progress, and a second process (its own app) that will stop after reconnecting
    const connection = connect({}, { backoff: { initialMs: 250, maxMs: 1_000 } });
    await connection.waitForState('connected', 10_000);
    const arriving = nextIncomingCall(connection, '801');
    await asterisk.originateIntoApp('Local/60@wait', '801');
    const call = await arriving;
    await call.answer();
    const child = runExitFixture('reconnect');
    await child.waitForLine(/^ready$/, 20_000);

    // WHEN Asterisk shuts down (it hangs up its channels first) and starts again
    await asteriskSandbox('stop');
    await connection.waitForState('disconnected', 10_000);
    expect(call.hangupSignal.reason).toBeInstanceOf(CallerHungUp);
    await asteriskSandbox('start');
    const restartedAt = Date.now();
    await connection.waitForState('connected', 20_000);
    expect(Date.now() - restartedAt).toBeLessThan(3_000); // this connection retries at least every second
    expect(connection.activeCalls.size).toBe(0);

    // THEN a new call arrives without restarting the adapter
    const next = nextIncomingCall(connection, '802');
    await asterisk.originateIntoApp('Local/30@wait', '802');
    const newCall = await next;
    expect(
      await newCall.play(
        { kind: 'sound', name: 'hello-world' },
        { bargeIn: false, signal: new AbortController().signal },
      ),
    ).toEqual({
      outcome: 'finished',
    });

    // AND the other process, which lived through the same restart, still exits on its own after stop()
    await child.waitForLine(/^reconnected$/, 30_000);
    const exited = await child.exit(10_000);
    expect(exited.exitedAt - exited.stoppedAt).toBeLessThan(1_500);
  });

  it('after an Asterisk crash, reports the calls that vanished without a hang-up (resync)', async () => {
    const connection = connect();
    await connection.waitForState('connected', 10_000);
    const arriving = nextIncomingCall(connection, '811');
    await asterisk.originateIntoApp('Local/60@wait', '811');
    const call = await arriving;
    await call.answer();
    const lostEvents: string[][] = [];
    connection.on('channels-lost', (ids) => lostEvents.push(ids));
    const resynced = new Promise<AriResync>((resolve) => connection.once('resynced', resolve));

    await asteriskSandbox('crash');
    await connection.waitForState('disconnected', 10_000);
    expect(call.hangupSignal.aborted).toBe(false); // nobody told us yet: the channel may still be alive
    await asteriskSandbox('start');
    await connection.waitForState('connected', 20_000);

    expect(await resynced).toMatchObject({ alive: [], lost: [call.id] });
    expect(lostEvents).toEqual([[call.id]]);
    expect(call.hangupSignal.reason).toBeInstanceOf(ChannelLost);
    expect(call.hangupSignal.reason).toBeInstanceOf(CallerHungUp);
    expect(connection.activeCalls.size).toBe(0);
  });

  it('notices a hung Asterisk (open sockets, no answers) through the WebSocket heartbeat, and recovers', async () => {
    const connection = connect(
      {},
      { heartbeatMs: 500, probeTimeoutMs: 1_000, backoff: { initialMs: 250, maxMs: 1_000 } },
    );
    await connection.waitForState('connected', 10_000);
    await asteriskSandbox('freeze');
    try {
      const frozenAt = Date.now();
      const lost = await connection.waitForState('disconnected', 5_000);
      expect(lost.message).toMatch(/did not answer a ping/);
      expect(Date.now() - frozenAt).toBeLessThan(1_600); // at most two ping periods and a bit
    } finally {
      await asteriskSandbox('thaw');
    }
    await connection.waitForState('connected', 10_000);
    const next = nextIncomingCall(connection, '850');
    await asterisk.originateIntoApp('Local/30@wait', '850');
    await next;
  });

  it('a call lives through a short WebSocket outage: its prompt, finished meanwhile, is settled on resync', async () => {
    // the first retry comes 3 s after the loss, so the 1.4 s prompt ends while no WebSocket listens
    const connection = connect(
      {},
      { heartbeatMs: 300, probeTimeoutMs: 1_000, backoff: { initialMs: 3_000, maxMs: 3_000 } },
    );
    await connection.waitForState('connected', 10_000);
    const arriving = nextIncomingCall(connection, '860');
    await asterisk.originateIntoApp('Local/60@wait', '860');
    const call = await arriving;
    await call.answer();
    const resynced = new Promise<AriResync>((resolve) => connection.once('resynced', resolve));
    const playing = call.play(
      { kind: 'sound', name: 'hello-world' },
      { bargeIn: false, signal: new AbortController().signal },
    );

    await asteriskSandbox('freeze');
    try {
      await connection.waitForState('disconnected', 5_000);
    } finally {
      await asteriskSandbox('thaw');
    }
    await connection.waitForState('connected', 10_000);
    expect((await resynced).alive).toEqual([call.id]);
    expect(await playing).toEqual({ outcome: 'finished' });
    expect(call.hangupSignal.aborted).toBe(false);
    expect(
      await call.play({ kind: 'sound', name: 'hello-world' }, { bargeIn: false, signal: new AbortController().signal }),
    ).toEqual({
      outcome: 'finished',
    });
  });

  it('survives a 50 s outage, then finds Asterisk again within one capped retry delay', async () => {
    const connection = connect();
    await connection.waitForState('connected', 10_000);
    const states: string[] = [];
    connection.on('state', (status) => states.push(status.state));

    await asteriskSandbox('stop');
    await new Promise((resolve) => setTimeout(resolve, 50_000));
    expect(connection.currentStatus.state).toBe('disconnected');
    await asteriskSandbox('start');
    const restartedAt = Date.now();
    await connection.waitForState('connected', 30_000);
    // the retry delay is capped at 15 s, so Asterisk is found again within one capped delay
    expect(Date.now() - restartedAt).toBeLessThan(16_000);
    // only ever disconnected (with changing reasons) until connected again: no crash, no stuck 'connecting'
    expect([...new Set(states)]).toEqual(['disconnected', 'connected']);

    const next = nextIncomingCall(connection, '900');
    await asterisk.originateIntoApp('Local/30@wait', '900');
    await next;
  }, 150_000);
});

/** Runs testing/exit-after-stop.ts in a child Node and watches its output and exit. */
function runExitFixture(mode: 'call' | 'reconnect' | 'retrying') {
  const script = path.resolve('runtime/ari/testing/exit-after-stop.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stoppedAt = 0;
  const lineWaiters: { pattern: RegExp; resolve: () => void }[] = [];
  const hasLine = (pattern: RegExp) => output.split('\n').some((line) => pattern.test(line));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    const stopped = /^stopped (\d+)$/m.exec(output);
    if (stopped) stoppedAt = Number(stopped[1]);
    for (const waiter of [...lineWaiters]) {
      if (hasLine(waiter.pattern)) {
        lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; exitedAt: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, exitedAt: Date.now() })),
  );
  const failAfter = (ms: number, what: string) =>
    new Promise<never>((_, reject) =>
      setTimeout(() => {
        child.kill();
        reject(new Error(`exit fixture (${mode}): ${what} within ${ms} ms. Output:\n${output}`));
      }, ms).unref(),
    );
  return {
    output: () => output,
    waitForLine: (pattern: RegExp, ms: number) =>
      hasLine(pattern)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => lineWaiters.push({ pattern, resolve })),
            failAfter(ms, `no line ${pattern}`),
          ]),
    exit: async (ms: number) => {
      const { code, exitedAt } = await Promise.race([exited, failAfter(ms, 'did not exit')]);
      if (!stoppedAt) throw new Error(`exit fixture (${mode}) exited (${code}) without stopping. Output:\n${output}`);
      return { code, exitedAt, stoppedAt };
    },
  };
}
