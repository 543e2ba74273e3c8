// How the runtime rings a person: every device they have (desk phone "bob", browser "bob~web") at once, first to
// answer wins. The fan-out is Asterisk's Dial() in the generated context switchboard-person
// (provisioning/asterisk/extensions-conf.ts); the runtime dials one Local channel into it.
import { browserDeviceName } from '#provisioning/asterisk/browser-device.ts';

/** Device states (GET /deviceStates) of a phone that must not be rung for a queue call. */
export const LINE_IN_USE = new Set(['INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);

/**
 * The dial string that rings all of a person's devices. `/n`: no Local channel optimisation, so the runtime's bridge
 * and the Dial()'s bridge stay two, and a phone's transfer inside Asterisk's bridge does not disturb the runtime's.
 */
export function personDialString(username: string): string {
  return `Local/${username}@switchboard-person/n`;
}

/** The Asterisk devices of a person, whose states tell whether that person's line is in use. */
export function personDevices(username: string): string[] {
  return [`PJSIP/${username}`, `PJSIP/${browserDeviceName(username)}`];
}

/**
 * In use if any device of the person is; `deviceState` is ARI's GET /deviceStates/{device}. A device Asterisk cannot
 * tell about (a browser device not pushed yet) does not count; if no device answers at all, the error is thrown.
 */
export async function personLineInUse(
  username: string,
  deviceState: (device: string) => Promise<string>,
): Promise<boolean> {
  const results = await Promise.allSettled(personDevices(username).map((device) => deviceState(device)));
  const states = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  if (states.length === 0) throw (results[0] as PromiseRejectedResult).reason;
  return states.some((state) => LINE_IN_USE.has(state));
}

/** "Local/bob@switchboard-person/n" -> "bob"; null for any other dial string. */
export function personOfDialString(endpoint: string): string | null {
  return /^Local\/([^@/]+)@switchboard-person(?:\/n)?$/.exec(endpoint)?.[1] ?? null;
}
