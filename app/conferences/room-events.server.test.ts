import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoomSnapshot } from '#runtime/conference/conference-rooms.ts';
import { FakeConferenceRooms } from '#tests/testing/fake-conference-rooms.ts';
import { roomEventStream, type RoomsEventData } from './room-events.server.ts';

/** Reads server-sent events off a response body, one at a time. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(response: Response) {
    this.reader = response.body!.getReader();
  }

  /** The next block (event or comment), as its raw lines. */
  async next(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return block;
      }
      const { value, done } = await this.reader.read();
      if (done) throw new Error('the stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  async nextRooms(): Promise<RoomSnapshot[]> {
    const block = await this.next();
    const [eventLine, dataLine] = block.split('\n');
    expect(eventLine).toBe('event: rooms');
    return (JSON.parse(dataLine!.slice('data: '.length)) as RoomsEventData).rooms;
  }
}

let rooms: FakeConferenceRooms;
let abort: AbortController;

beforeEach(() => {
  rooms = new FakeConferenceRooms();
  abort = new AbortController();
});
afterEach(() => abort.abort());

describe('the room event stream', () => {
  it('sends every room on connecting, then again after each change', async () => {
    rooms.openRoom('7000', 'Salle');
    const response = roomEventStream(rooms, abort.signal, { minIntervalMs: 0 });
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8');
    const events = new EventReader(response);
    expect((await events.nextRooms()).map((room) => room.number)).toEqual(['7000']);

    rooms.addParticipant('7000', { id: 'p1', callerNumber: '1001' });
    expect((await events.nextRooms())[0]!.participants.map((participant) => participant.id)).toEqual(['p1']);
    rooms.setTalking('7000', 'p1', true);
    expect((await events.nextRooms())[0]!.participants[0]!.talking).toBe(true);
  });

  it('sends only the latest snapshot of a burst, and soon', async () => {
    rooms.openRoom('7000', 'Salle');
    rooms.addParticipant('7000', { id: 'p1', callerNumber: '1001' });
    const events = new EventReader(roomEventStream(rooms, abort.signal, { minIntervalMs: 100 }));
    await events.nextRooms();
    const burstAt = Date.now();
    for (let index = 0; index < 20; index++) rooms.setTalking('7000', 'p1', index % 2 === 0);
    const [room] = await events.nextRooms();
    // 20 changes within the first 100 ms: one message, carrying the last state (index 19: not talking).
    expect(room!.participants[0]!.talking).toBe(false);
    expect(Date.now() - burstAt).toBeLessThan(1000);
    rooms.setTalking('7000', 'p1', true);
    expect((await events.nextRooms())[0]!.participants[0]!.talking).toBe(true);
  });

  it('keeps a quiet stream open with comments, and lets go of the runtime when the page goes away', async () => {
    const events = new EventReader(roomEventStream(rooms, abort.signal, { heartbeatMs: 20 }));
    expect(await events.nextRooms()).toEqual([]);
    expect(await events.next()).toBe(': still here');
    expect(rooms.listenerCount()).toBe(1);
    abort.abort();
    expect(rooms.listenerCount()).toBe(0);
  });
});
