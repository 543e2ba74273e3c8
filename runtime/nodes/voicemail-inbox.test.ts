import { describe, expect, it, vi } from 'vitest';
import { defaultDataOf } from '#flows/catalogue.ts';
import { MemoryVoicemailBoxes } from '../memory-ports.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';
import { quietToneWav } from '../audio/wav.ts';

const ASK_BOX = 'Veuillez saisir votre numéro de boîte vocale, suivi de dièse.';
const ASK_PIN = 'Veuillez saisir votre code secret, suivi de dièse.';
const WRONG = 'Code incorrect.';
const OPTIONS =
  'Pour réécouter, tapez 1. Pour supprimer, tapez 7. Pour conserver, tapez 9. Pour le message suivant, tapez dièse.';
const MAIN =
  "Pour écouter vos messages, tapez 1. Pour enregistrer votre annonce d'accueil, tapez 3. Pour terminer, tapez dièse.";

// Thursday 26 November 2026, 10:05 in the runtime's time zone.
const RECEIVED = new Date(2026, 10, 26, 10, 5).getTime();

function inboxFlow(data: Record<string, unknown> = {}) {
  return typedFlow({
    numbers: ['6099'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('inbox', 'voicemail-inbox', { ...defaultDataOf('voicemail-inbox'), ...data }),
    ],
    edges: [connect('start', 'next', 'inbox')],
  });
}

async function boxWithMessages(count: number) {
  const voicemail = new MemoryVoicemailBoxes([
    { box: '6002', ownerName: 'Bob', pin: '1234' },
    { box: '6001', ownerName: 'Alice', pin: '4321' },
  ]);
  for (let i = 0; i < count; i += 1) {
    await voicemail.saveMessage({
      box: '6002',
      callerNumber: `061234567${i}`,
      callerName: '',
      receivedAt: RECEIVED + i * 60_000,
      durationMs: 3_000,
      audio: quietToneWav(3_000),
    });
  }
  return voicemail;
}

function callInbox(voicemail: MemoryVoicemailBoxes, data: Record<string, unknown> = {}) {
  const sim = simulate({ flows: [{ flowId: 'inbox', document: inboxFlow(data) }], dialledNumber: '6099', voicemail });
  return { sim, done: sim.run() };
}

/** Answers each question for digits in turn ("silence" lets it time out). */
async function type(call: SimulatedCall, answers: string[]) {
  for (const answer of answers) {
    await call.waitingFor('digits');
    if (answer === 'silence') call.skipWait();
    else call.pressKeys(answer);
  }
}

describe('voicemail-inbox node', () => {
  it('locks the box after three wrong PINs and says so, and a later call hears that it is still locked', async () => {
    // GIVEN bob's box
    const voicemail = await boxWithMessages(1);
    const first = callInbox(voicemail);
    // WHEN the caller types bob's box, then three wrong PINs
    await type(first.sim.call, ['6002#', '0000#', '1111#', '2222#']);
    await first.done;
    // THEN they heard "wrong" twice, then that the box is locked for 5 minutes
    expect(first.sim.call.playedTexts()).toEqual([
      ASK_BOX,
      ASK_PIN,
      WRONG,
      ASK_PIN,
      WRONG,
      ASK_PIN,
      'Trop de codes incorrects. Votre boîte vocale est bloquée pendant 5 minutes. Au revoir.',
    ]);
    // AND the PIN never appears in history
    expect(
      first.sim
        .events()
        .filter((event) => event.kind === 'digits')
        .map((event) => event.digits),
    ).toEqual(['6002', undefined, undefined, undefined]);

    // WHEN someone calls back at once with the right PIN
    const second = callInbox(voicemail);
    await type(second.sim.call, ['6002#', '1234#']);
    await second.done;
    // THEN the box still refuses
    expect(second.sim.call.playedTexts().at(-1)).toBe(
      'Votre boîte vocale est bloquée. Veuillez rappeler dans 5 minutes. Au revoir.',
    );
    expect(voicemail.messages('6002')[0]!.heard).toBe(false);
  });

  it('records neither the PIN, nor its first digit typed over the question, nor its length', async () => {
    // GIVEN prompts long enough to be interrupted
    const voicemail = await boxWithMessages(0);
    const sim = simulate({
      flows: [{ flowId: 'inbox', document: inboxFlow() }],
      dialledNumber: '6099',
      voicemail,
      playbackMs: 60_000,
    });
    const done = sim.run();
    // WHEN the caller types the box, then the PIN over the PIN question, then hangs up once signed in
    await sim.call.waitingFor('play');
    sim.call.pressKeys('6002#');
    await vi.waitFor(() => expect(sim.call.playedTexts()).toContain(ASK_PIN));
    await sim.call.waitingFor('play');
    sim.call.pressKeys('1234#');
    await vi.waitFor(() => expect(sim.events().some((event) => event.detail?.voicemail === 'signed-in')).toBe(true));
    sim.call.hangUp();
    await done;
    // THEN the PIN question was interrupted by "a key", not by "1"
    const events = sim.events();
    const pinPrompt = events.find((event) => event.kind === 'prompt-played' && event.detail?.text === ASK_PIN);
    expect(pinPrompt?.detail).toMatchObject({ outcome: 'interrupted', secret: true });
    expect(pinPrompt?.detail).not.toHaveProperty('digit');
    // AND no event holds the PIN, a digit of it, or its length
    const pinEntry = events.find((event) => event.kind === 'digits' && event.detail?.secret === true);
    expect(pinEntry).toEqual(
      expect.objectContaining({ kind: 'digits', detail: { ended: 'terminator', secret: true, entered: true } }),
    );
    expect(pinEntry).not.toHaveProperty('digits');
    // (times and prompt hashes are left out: their digits mean nothing)
    const recorded = JSON.stringify(events.map((event) => [event.digits, { ...event.detail, hash: undefined }]));
    expect(recorded).not.toMatch(/1234|\*\*\*\*|"digit":"1"/);
  });

  it('with the right PIN: "1 nouveau message", plays it with its time and caller, 7 deletes it', async () => {
    const voicemail = await boxWithMessages(1);
    const { sim, done } = callInbox(voicemail);
    await type(sim.call, ['6002#', '9999#', '1234#', '7', '#']);
    await done;
    const [messageId] = voicemail.messagesById.keys();
    expect(sim.call.playedTexts()).toEqual([
      ASK_BOX,
      ASK_PIN,
      WRONG,
      ASK_PIN,
      'Vous avez 1 nouveau message.',
      'Message reçu le jeudi 26 novembre à 10 heures 05, du 0 6 1 2 3 4 5 6 7 0.',
      `file:voicemail-${messageId}`,
      OPTIONS,
      'Message supprimé.',
      'Fin des messages.',
      MAIN,
      'Au revoir.',
    ]);
    expect(voicemail.messages('6002')).toEqual([]);
    expect(voicemail.messagesById.get(messageId!)!.deleted).toBe(true);
  });

  it('1 replays, 9 keeps, # goes to the next message; listened messages are no longer new', async () => {
    const voicemail = await boxWithMessages(2);
    const { sim, done } = callInbox(voicemail, { box: { kind: 'fixed', box: '6002' } });
    await type(sim.call, ['1234#', '1', '9', '#', '#']);
    await done;
    const played = sim.call.playedTexts();
    expect(played[0]).toBe(ASK_PIN);
    expect(played[1]).toBe('Vous avez 2 nouveaux messages.');
    const [firstId, secondId] = voicemail.messagesById.keys();
    expect(played.filter((text) => text === `file:voicemail-${firstId}`)).toHaveLength(2);
    expect(played.filter((text) => text === `file:voicemail-${secondId}`)).toHaveLength(1);
    expect(played).toContain('Message conservé.');
    expect(voicemail.messages('6002').map((message) => message.heard)).toEqual([true, true]);

    // A later call counts them as saved, not new
    const later = callInbox(voicemail, { box: { kind: 'fixed', box: '6002' } });
    await type(later.sim.call, ['1234#']);
    await later.sim.call.waitingFor('digits');
    expect(later.sim.call.playedTexts()).toContain("Vous n'avez aucun nouveau message et 2 messages enregistrés.");
    later.sim.call.hangUp();
    await later.done;
  });

  it('a key pressed during a message answers its options at once', async () => {
    const voicemail = await boxWithMessages(1);
    const { sim, done } = callInbox(voicemail, { box: { kind: 'fixed', box: '6002' } });
    await type(sim.call, ['1234#']);
    await sim.call.waitingFor('play');
    // Wait for the message audio itself, then press 7 over it
    while (sim.call.currentWait?.kind !== 'play' || sim.call.currentWait.media.kind !== 'audio-file') {
      sim.call.skipWait();
      await sim.call.waitingFor('play');
    }
    sim.call.pressKeys('7');
    await type(sim.call, ['#']);
    await done;
    expect(sim.call.playedTexts()).not.toContain(OPTIONS);
    expect(voicemail.messages('6002')).toEqual([]);
  });

  it('records a personal greeting with 3', async () => {
    const voicemail = await boxWithMessages(0);
    const { sim, done } = callInbox(voicemail, { box: { kind: 'fixed', box: '6002' } });
    await type(sim.call, ['1234#', '3']);
    await sim.call.waitingFor('record');
    sim.call.speakFor(4_000);
    sim.call.pressKeys('#');
    await type(sim.call, ['#']);
    await done;
    expect(sim.call.playedTexts()).toEqual([
      ASK_PIN,
      "Vous n'avez aucun nouveau message.",
      MAIN,
      "Enregistrez votre annonce d'accueil après le bip, puis tapez dièse.",
      'Votre annonce est enregistrée.',
      MAIN,
      'Au revoir.',
    ]);
    expect(voicemail.greetingOf('6002')?.length).toBeGreaterThan(4 * 8000 * 2);
    expect(voicemail.box('6002')?.greeting).toEqual({ kind: 'audio-file', fileId: 'greeting-6002' });
  });

  it('an unknown box sounds like a wrong PIN and ends the call after the allowed attempts', async () => {
    const voicemail = await boxWithMessages(0);
    const { sim, done } = callInbox(voicemail);
    await type(sim.call, ['6999#', '1234#', '1234#', '1234#']);
    const summary = await done;
    expect(sim.call.playedTexts()).toEqual([ASK_BOX, ASK_PIN, WRONG, ASK_PIN, WRONG, ASK_PIN, WRONG, 'Au revoir.']);
    expect(summary.outcome).toBe('completed');
  });

  it('says goodbye when nobody answers', async () => {
    const voicemail = await boxWithMessages(0);
    const { sim, done } = callInbox(voicemail);
    await type(sim.call, ['silence', 'silence', 'silence']);
    await done;
    expect(sim.call.playedTexts()).toEqual([ASK_BOX, ASK_BOX, ASK_BOX, 'Au revoir.']);
  });
});
