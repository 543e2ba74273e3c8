// The phones' message-waiting lamp, set from Switchboard's own message store through ARI's mailboxes resource
// (PUT /ari/mailboxes/<box>@switchboard). Asterisk serves it only with res_mwi_external loaded, which Debian's
// package does not ship: then the first update answers 404 and the lamp is left alone (logged once), since
// message-waiting is a courtesy, never a reason to fail a call.
import type { Logger } from '#runtime/log.ts';
import { basicAuthorization } from './ari-http-client.ts';
import type { AriSettings } from './settings.ts';

export interface MessageCountsForLamp {
  newMessages: number;
  oldMessages: number;
}

/** The mailbox name endpoints subscribe to (pjsip `mailboxes=<box>@switchboard`). */
export function mailboxOf(box: string): string {
  return `${box}@switchboard`;
}

export function ariMessageWaiting(
  settings: AriSettings,
  log: Logger,
): (box: string, counts: MessageCountsForLamp) => void {
  let unsupported = false;
  const authorization = basicAuthorization(settings.username, settings.password);
  return (box, counts) => {
    if (unsupported) return;
    const query = new URLSearchParams({
      oldMessages: String(counts.oldMessages),
      newMessages: String(counts.newMessages),
    });
    const url = `${settings.url}/ari/mailboxes/${encodeURIComponent(mailboxOf(box))}?${query}`;
    fetch(url, { method: 'PUT', headers: { authorization }, signal: AbortSignal.timeout(5_000) })
      .then(async (response) => {
        if (response.status === 404) {
          unsupported = true;
          log.info('Asterisk has no external MWI (res_mwi_external): message-waiting lamps are not updated');
        } else if (!response.ok) {
          log.warn(
            `Could not update the message-waiting state of box ${box}: ${response.status} ${await response.text()}`,
          );
        }
      })
      .catch((error: unknown) =>
        log.warn(`Could not update the message-waiting state of box ${box}: ${String(error)}`),
      );
  };
}
