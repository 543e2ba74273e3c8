import { describe, expect, it, vi } from 'vitest';
import { ConferenceService } from '../conference/conference-service.ts';
import { MemoryConferenceMedia } from '../conference/memory-media.ts';
import { MemoryRecordingLog } from '../conference/recording-log.ts';
import { log } from '../log.ts';
import { MemoryPromptSource } from '../memory-ports.ts';
import { exampleFlow, simulate } from '../testing/call-harness.ts';

const ENTER_PIN = 'Veuillez saisir le code de la conférence, suivi de la touche dièse.';

function setUp() {
  const media = new MemoryConferenceMedia();
  const conferences = new ConferenceService({
    media,
    prompts: new MemoryPromptSource(),
    recordings: new MemoryRecordingLog(),
    logger: log,
  });
  const flow = { flowId: 'room', document: exampleFlow('conference-7000') };
  const caller = (id: string) =>
    simulate({ flows: [flow], dialledNumber: '7000', conferences, id, caller: { number: id, name: id } });
  const participant = (id: string) => conferences.rooms()[0]?.participants.find((candidate) => candidate.id === id);
  return { media, conferences, caller, participant };
}

/** The caller types `pin` followed by # when asked for the PIN. */
async function typePin(sim: ReturnType<ReturnType<typeof setUp>['caller']>, pin: string) {
  await sim.call.waitingFor('digits');
  sim.call.pressKeys(`${pin}#`);
}

describe('conference executor (example room 7000)', () => {
  it('asks a caller who switched to English for the PIN in English, and says a wrong PIN in English', async () => {
    // GIVEN the (French) example room, reached by a caller whose call is in English
    const { conferences } = setUp();
    const flow = { flowId: 'room', document: exampleFlow('conference-7000') };
    const sim = simulate({
      flows: [flow],
      dialledNumber: '7000',
      conferences,
      presetVariables: { language: 'en-GB' },
    });
    const done = sim.run();
    // WHEN they type a wrong PIN, then hang up
    await typePin(sim, '0000');
    await sim.call.waitingFor('digits');
    sim.call.hangUp();
    await done;
    // THEN the room's own sentences were English
    const said = sim.call.playedTexts();
    expect(said).toContain('Please enter the conference PIN, followed by the pound key.');
    expect(said).toContain('That PIN is not valid.');
    expect(said).not.toContain(ENTER_PIN);
  });

  it('lets the moderator PIN in as moderator, the participant PIN as participant, and says goodbye when it ends', async () => {
    // GIVEN the example room (moderator 4321, participant 1111, waits for the moderator, ends with the last one)
    const { media, caller, participant } = setUp();
    const guest = caller('guest');
    const guestDone = guest.run();
    await typePin(guest, '1111');
    // THEN the participant waits in music
    await vi.waitFor(() => expect(participant('guest')?.waiting).toBe(true));
    // WHEN the moderator dials in with 4321
    const host = caller('host');
    const hostDone = host.run();
    await typePin(host, '4321');
    // THEN both are mixed
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    expect(participant('host')?.role).toBe('moderator');
    // WHEN the moderator hangs up
    host.call.hangUp();
    // THEN the participant leaves the node by "next", hears goodbye, and the flow hangs up; the record says why
    const summary = await guestDone;
    expect(summary.outcome).toBe('completed');
    expect(guest.visited()).toEqual(['start', 'welcome', 'meeting-room', 'goodbye', 'end-call']);
    expect(guest.call.playedTexts().slice(-1)).toEqual(["Merci d'avoir participé. Au revoir."]);
    const notes = guest
      .events()
      .filter((event) => event.kind === 'note')
      .map((event) => event.detail);
    expect(notes).toEqual([
      { conference: '7000', joined: 'participant' },
      { conference: '7000', left: 'ended' },
    ]);
    expect((await hostDone).outcome).toBe('caller-hung-up');
    // AND no PIN is written in call history
    expect(
      guest
        .events()
        .filter((event) => event.kind === 'digits')
        .map((event) => event.digits),
    ).toEqual([undefined]);
  });

  it('records no digit of a PIN typed over the PIN question', async () => {
    // GIVEN the example room, with prompts long enough to be interrupted
    const { conferences, participant } = setUp();
    const sim = simulate({
      flows: [{ flowId: 'room', document: exampleFlow('conference-7000') }],
      dialledNumber: '7000',
      conferences,
      id: 'guest',
      playbackMs: 60_000,
    });
    const done = sim.run();
    // WHEN the caller lets the welcome play, then types the participant PIN while the PIN question plays
    await sim.call.waitingFor('play');
    sim.call.skipWait();
    await vi.waitFor(() => expect(sim.call.playedTexts()).toContain(ENTER_PIN));
    await sim.call.waitingFor('play');
    sim.call.pressKeys('1111#');
    await vi.waitFor(() => expect(participant('guest')).toBeDefined());
    sim.call.hangUp();
    await done;
    // THEN the question is recorded as interrupted by a key, without the key, and no event holds the PIN
    const events = sim.events();
    const pinPrompt = events.find((event) => event.kind === 'prompt-played' && event.detail?.text === ENTER_PIN);
    expect(pinPrompt?.detail).toMatchObject({ outcome: 'interrupted', secret: true });
    expect(pinPrompt?.detail).not.toHaveProperty('digit');
    // (times and prompt hashes are left out: their digits mean nothing)
    const recorded = JSON.stringify(events.map((event) => [event.digits, { ...event.detail, hash: undefined }]));
    expect(recorded).not.toMatch(/1111|"digit":"1"/);
    expect(events.filter((event) => event.digits !== undefined)).toEqual([]);
  });

  it('says the PIN is wrong twice, then goodbye on the third, and hangs up without joining', async () => {
    // GIVEN a caller who types three wrong PINs
    const { caller, conferences } = setUp();
    const sim = caller('intruder');
    const done = sim.run();
    for (const pin of ['0000', '1234', '9']) await typePin(sim, pin);
    // THEN
    const summary = await done;
    expect(summary.outcome).toBe('completed');
    expect(sim.call.playedTexts()).toEqual([
      'Bienvenue dans la salle de réunion.',
      ENTER_PIN,
      'Code incorrect.',
      ENTER_PIN,
      'Code incorrect.',
      ENTER_PIN,
      'Code incorrect. Au revoir.',
    ]);
    expect(sim.call.transcript.at(-1)).toEqual({ kind: 'hung-up', by: 'flow' });
    expect(conferences.rooms()).toEqual([]);
  });

  it('takes the `full` branch when the room is full', async () => {
    // GIVEN the example room (10 members at most) already holding 10 callers
    const { caller, conferences } = setUp();
    const inside = Array.from({ length: 10 }, (_, index) => caller(`c${index}`));
    const running = inside.map((sim) => sim.run());
    for (const sim of inside) await typePin(sim, '1111');
    await vi.waitFor(() => expect(conferences.rooms()[0]?.participants).toHaveLength(10));
    // WHEN an eleventh dials in with the right PIN
    const late = caller('late');
    const lateDone = late.run();
    await typePin(late, '1111');
    // THEN the flow's "room full" message plays and the call ends
    expect((await lateDone).outcome).toBe('completed');
    expect(late.visited()).toEqual(['start', 'welcome', 'meeting-room', 'room-full', 'end-call']);
    expect(late.call.playedTexts().at(-1)).toBe('La salle est complète. Merci de rappeler plus tard.');
    for (const sim of inside) sim.call.hangUp();
    await Promise.all(running);
  });

  it('hangs up a kicked caller', async () => {
    // GIVEN the moderator in the room
    const { caller, conferences, participant } = setUp();
    const host = caller('host');
    const done = host.run();
    await typePin(host, '4321');
    await vi.waitFor(() => expect(participant('host')).toBeDefined());
    // WHEN staff kick them
    await conferences.kick('7000', 'host');
    // THEN the flow ends the call at once, without the goodbye
    expect((await done).outcome).toBe('completed');
    expect(host.call.transcript.at(-1)).toEqual({ kind: 'hung-up', by: 'flow' });
    expect(host.visited()).toEqual(['start', 'welcome', 'meeting-room']);
  });

  it('refuses a participant of a locked room with a message', async () => {
    // GIVEN a live room, locked by staff
    const { caller, conferences, participant } = setUp();
    const host = caller('host');
    const hostDone = host.run();
    await typePin(host, '4321');
    await vi.waitFor(() => expect(participant('host')).toBeDefined());
    await conferences.setLocked('7000', true);
    // WHEN a participant dials in
    const guest = caller('guest');
    const guestDone = guest.run();
    await typePin(guest, '1111');
    // THEN they hear that the room is locked and the call ends
    expect((await guestDone).outcome).toBe('completed');
    expect(guest.call.playedTexts().at(-1)).toBe('Cette conférence est verrouillée.');
    host.call.hangUp();
    await hostDone;
  });
});
