// The live rooms as server-sent events: the whole list at once on connecting, then again after every change the
// runtime reports. Whole snapshots rather than deltas so a page that reconnects (or misses nothing but a heartbeat)
// is right again with the next message, with no replay to manage.
import type { ConferenceRooms, RoomSnapshot } from '#runtime/conference/conference-rooms.ts';
import { eventStreamResponse } from '../event-stream.server.ts';

/** The event name and payload the page listens for (app/conferences/use-live-rooms.ts). */
export const ROOMS_EVENT = 'rooms';
export interface RoomsEventData {
  rooms: RoomSnapshot[];
}

export interface RoomEventStreamOptions {
  /** A comment line now and then keeps proxies from closing a quiet stream (a room where nobody speaks). */
  heartbeatMs?: number;
  /**
   * Talk detection reports every start and stop of every voice: with many participants that is dozens of changes a
   * second. At most one snapshot per this many milliseconds goes out (the latest), well inside the one-second promise.
   */
  minIntervalMs?: number;
}

export function roomEventStream(
  conferences: ConferenceRooms,
  signal: AbortSignal,
  { heartbeatMs = 15_000, minIntervalMs = 100 }: RoomEventStreamOptions = {},
): Response {
  return eventStreamResponse(
    signal,
    (sink) => {
      let lastSentAt = 0;
      let pending: RoomSnapshot[] | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;

      const sendNow = (rooms: RoomSnapshot[]) => {
        lastSentAt = Date.now();
        const data: RoomsEventData = { rooms };
        sink.send(ROOMS_EVENT, data);
      };
      const flush = () => {
        timer = null;
        if (pending) sendNow(pending);
        pending = null;
      };
      const onChange = (rooms: RoomSnapshot[]) => {
        pending = rooms;
        if (timer) return;
        const wait = lastSentAt + minIntervalMs - Date.now();
        if (wait <= 0) flush();
        else timer = setTimeout(flush, wait);
      };
      // Subscribe before reading the first snapshot, so no change can fall between the two.
      const unsubscribe = conferences.subscribe(onChange);
      sendNow(conferences.rooms());
      return () => {
        if (timer) clearTimeout(timer);
        unsubscribe();
      };
    },
    { heartbeatMs },
  );
}
