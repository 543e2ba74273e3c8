import { useEffect, useState } from 'react';
import type { RoomSnapshot } from '#runtime/conference/conference-rooms.ts';

// The browser side of the room view: starts from the rooms the page was rendered with, then follows the server's
// stream (/conferences/events) so joins, leaves, mutes and voices show within a second, without reloading.

/** Must match ROOMS_EVENT in room-events.server.ts (kept apart: that module is server-only). */
const ROOMS_EVENT = 'rooms';
export const ROOM_EVENTS_URL = '/conferences/events';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export function useLiveRooms(initial: RoomSnapshot[], enabled: boolean): { rooms: RoomSnapshot[]; state: LiveState } {
  const [rooms, setRooms] = useState(initial);
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    if (!enabled) return;
    // EventSource reconnects by itself after a drop; every message carries all rooms, so nothing needs replaying.
    const source = new EventSource(ROOM_EVENTS_URL);
    source.addEventListener(ROOMS_EVENT, (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { rooms: RoomSnapshot[] };
      setRooms(data.rooms);
      setState('live');
    });
    source.addEventListener('error', () => setState('reconnecting'));
    return () => source.close();
  }, [enabled]);

  return { rooms, state };
}
