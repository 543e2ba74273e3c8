// The runtime's own account of the bench calls of one level: a call sipp counts as good is failed anyway when its
// record does not show the menu taking key 2 and the short prompt played to its end (the caller heard the wrong thing).
import type { SwitchboardDb } from '#db/client.ts';
import { getCall, type CallRecord } from '#db/calls.ts';

export interface RecordsCheck {
  /** Records of calls to `number` started since the level began. */
  records: number;
  closed: number;
  /** Key 2 taken and the short prompt finished. */
  ok: number;
}

export function checkRecords(db: SwitchboardDb, number: string, since: number, shortPrompt: string): RecordsCheck {
  const ids = (
    db.sqlite.prepare('SELECT id FROM calls WHERE dialled_number = ? AND started_at >= ?').all(number, since) as {
      id: string;
    }[]
  ).map((row) => row.id);
  const records = ids.map((id) => getCall(db, id)).filter((record): record is CallRecord => record !== null);
  const ok = records.filter((record) => {
    const key = record.events.findIndex((event) => event.kind === 'digits' && event.digits === '2');
    return (
      key >= 0 &&
      record.events
        .slice(key + 1)
        .some(
          (event) =>
            event.kind === 'prompt-played' &&
            event.detail?.text === shortPrompt &&
            event.detail?.outcome === 'finished',
        )
    );
  }).length;
  return { records: records.length, closed: records.filter((record) => record.endedAt !== null).length, ok };
}
