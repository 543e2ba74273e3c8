// Which agents' phones are on a call that Switchboard did not place for a queue, kept fresh by one request every
// half second (GET /endpoints/PJSIP lists each account's channels) instead of one request per agent before each ring:
// under load those requests came back late and delayed the ringing (docs/queue-benchmark.md).
import { personOfDevice } from '#provisioning/asterisk/browser-device.ts';
import type { Logger } from '../log.ts';
import type { AriRest } from './ari-rest.ts';

/** Channels Switchboard itself creates for agents: a dial of a queue or a dial node, a callback. */
const OWN_CHANNEL = /^(dial|callback)-/;
const REFRESH_MS = 500;
/** Older than this, the picture is not trusted: the caller asks Asterisk directly instead. */
const STALE_MS = 2_000;

export interface LineStateCache {
  /** True/false from the last picture; undefined when there is no recent one (ARI down...). */
  busyNow(username: string): boolean | undefined;
  stop(): void;
}

export function pollLineStates(rest: () => AriRest, logger: Logger): LineStateCache {
  let busy = new Set<string>();
  let takenAt = 0;
  let warned = false;
  let running = false;
  const refresh = async () => {
    if (running) return;
    running = true;
    try {
      const channels = await rest().endpointChannels('PJSIP');
      const next = new Set<string>();
      // A person's browser device ("bob~web") is a line of that person.
      for (const [resource, ids] of channels)
        if (ids.some((id) => !OWN_CHANNEL.test(id))) next.add(personOfDevice(resource));
      busy = next;
      takenAt = Date.now();
      warned = false;
    } catch (error) {
      if (!warned) logger.warn(`Could not read the agents' lines from Asterisk: ${String(error)}`);
      warned = true;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  timer.unref?.();
  void refresh();
  return {
    busyNow: (username) => (Date.now() - takenAt > STALE_MS ? undefined : busy.has(username)),
    stop: () => clearInterval(timer),
  };
}
