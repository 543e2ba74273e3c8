// A person's desk phone for end-to-end tests: sipp registers the account from a port, then a sipp UAS answers
// there when Asterisk rings that account.
import { freeUdpPort, runSipp, startSipp, type RunningSipp } from '#tests/sipp/sipp.ts';

/** uas-ring: rings and is never picked up (the caller gives up: CANCEL). */
export type PhoneBehaviour = 'uas-answer' | 'uas-answer-speak' | 'uas-answer-talk' | 'uas-answer-hangup' | 'uas-ring';

/**
 * Registers `account` (demo seed password "bonjour": the e2e helpers seed with SWITCHBOARD_DEMO_SECRETS) from a fresh port where a UAS behaving as `behaviour` then listens,
 * runs `use`, and unregisters from that same port afterwards: expiring another contact would leave this one for
 * later tests to ring.
 */
export async function withRegisteredPhone(
  account: string,
  behaviour: PhoneBehaviour,
  sipTarget: string,
  use: (phone: RunningSipp) => Promise<void>,
): Promise<void> {
  const ports = { port: await freeUdpPort(), mediaPort: await freeUdpPort() };
  const register = registration(account, sipTarget, ports);
  const registered = await register(60);
  if (registered.exitCode !== 0)
    throw new Error(`${account} could not register (sipp exit ${registered.exitCode}):\n${registered.output}`);
  const phone = startSipp({ scenario: behaviour, ...ports, timeoutSeconds: 60 });
  try {
    await use(phone);
  } finally {
    phone.stop();
    await phone.done; // the port must be free again before unregistering from it
    await register(0);
  }
}

/** REGISTER (expires N, 0 to unregister) of `account` from `ports`, with the demo password. */
function registration(account: string, sipTarget: string, ports: { port: number; mediaPort: number }) {
  return (expires: number) =>
    runSipp({
      scenario: 'register-auth',
      target: sipTarget,
      ...ports,
      args: ['-s', account, '-ap', 'bonjour', '-key', 'expires', String(expires)],
    });
}

/** A desk phone kept for a whole suite (an agent's): `unregister()` stops it and expires its contact. */
export interface DeskPhone {
  phone: RunningSipp;
  unregister(): Promise<void>;
}

/**
 * Registers `account` (demo password "bonjour") from a fresh port and leaves a UAS behaving as `behaviour` there for
 * up to `calls` calls, until `unregister()`: an agent's phone through a whole suite of queue calls.
 */
export async function registerDeskPhone(
  account: string,
  behaviour: PhoneBehaviour,
  sipTarget: string,
  options: { calls: number; timeoutSeconds: number; sippArgs?: string[] },
): Promise<DeskPhone> {
  const ports = { port: await freeUdpPort(), mediaPort: await freeUdpPort() };
  const register = registration(account, sipTarget, ports);
  const registered = await register(options.timeoutSeconds);
  if (registered.exitCode !== 0) throw new Error(`${account} could not register:\n${registered.output}`);
  const phone = startSipp({
    scenario: behaviour,
    ...ports,
    timeoutSeconds: options.timeoutSeconds,
    args: ['-m', String(options.calls), ...(options.sippArgs ?? [])],
  });
  return {
    phone,
    async unregister() {
      phone.stop();
      await phone.done; // the port must be free again before unregistering from it
      await register(0);
    },
  };
}
