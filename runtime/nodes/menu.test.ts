import { describe, expect, it } from 'vitest';
import { answerMenus, connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

const PROMPT = 'Appuyez sur 1 ou 2.';

/** start -> menu (keys 1, 2) -> 1: "Un." / 2: "Deux.", with the other branches wired as asked. */
function menuFlow(options: {
  retries?: number;
  timeoutSeconds?: number;
  bargeIn?: boolean;
  wire?: ('invalid' | 'timeout' | 'failed')[];
}) {
  const wire = options.wire ?? [];
  return typedFlow({
    numbers: ['7100'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('menu', 'menu', {
        prompt: { text: PROMPT },
        options: [{ digit: '1' }, { digit: '2' }],
        retries: options.retries ?? 2,
        timeoutSeconds: options.timeoutSeconds ?? 5,
        bargeIn: options.bargeIn ?? true,
      }),
      draftNode('one', 'say', { text: 'Un.' }),
      draftNode('two', 'say', { text: 'Deux.' }),
      draftNode('wrong', 'say', { text: 'Mauvaise touche.' }),
      draftNode('silent', 'say', { text: 'Rien entendu.' }),
      draftNode('failed', 'say', { text: 'Trop d’essais.' }),
    ],
    edges: [
      connect('start', 'next', 'menu'),
      connect('menu', '1', 'one'),
      connect('menu', '2', 'two'),
      connect('one', 'next', 'menu'),
      ...(wire.includes('invalid') ? [connect('menu', 'invalid', 'wrong'), connect('wrong', 'next', 'menu')] : []),
      ...(wire.includes('timeout') ? [connect('menu', 'timeout', 'silent'), connect('silent', 'next', 'menu')] : []),
      ...(wire.includes('failed') ? [connect('menu', 'failed', 'failed')] : []),
    ],
  });
}

function menuExits(events: { kind: string; nodeId?: string; branch?: string | null }[]) {
  return events.filter((event) => event.kind === 'node-left' && event.nodeId === 'menu').map((event) => event.branch);
}

describe('menu executor', () => {
  it('replays itself in place when the invalid and timeout branches have no edge', async () => {
    // GIVEN a menu with only its keys wired
    const sim = simulate({ flows: [{ flowId: 'm', document: menuFlow({}) }], dialledNumber: '7100' });
    const done = sim.run();
    // WHEN the caller presses a wrong key, stays silent, then presses 2
    await answerMenus(sim.call, ['7', 'silence', '2']);
    await done;
    // THEN the menu was heard three times without leaving the node, then key 2 was taken
    expect(sim.call.playedTexts()).toEqual([PROMPT, PROMPT, PROMPT, 'Deux.']);
    expect(menuExits(sim.events())).toEqual(['2']);
  });

  it('ends the call after the retries when "failed" has no edge', async () => {
    // GIVEN a menu with one retry and no failed edge
    const sim = simulate({ flows: [{ flowId: 'm', document: menuFlow({ retries: 1 }) }], dialledNumber: '7100' });
    const done = sim.run();
    // WHEN the caller fails twice
    await answerMenus(sim.call, ['9', '9']);
    const summary = await done;
    // THEN the menu leaves by "failed", which ends the call
    expect(menuExits(sim.events())).toEqual(['failed']);
    expect(sim.call.playedTexts()).toEqual([PROMPT, PROMPT]);
    expect(summary.outcome).toBe('completed');
    expect(sim.call.ended).toBe('flow');
  });

  it('gives no retry at all when retries is 0', async () => {
    // GIVEN a menu with no retry and every branch wired
    const document = menuFlow({ retries: 0, wire: ['invalid', 'timeout', 'failed'] });
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100' });
    const done = sim.run();
    // WHEN the first answer is wrong
    await answerMenus(sim.call, ['#']);
    await done;
    // THEN it goes straight to "failed"
    expect(menuExits(sim.events())).toEqual(['failed']);
  });

  it('starts counting again after a valid key', async () => {
    // GIVEN a menu with one retry whose key 1 loops back to it
    const document = menuFlow({ retries: 1, wire: ['invalid', 'failed'] });
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100' });
    const done = sim.run();
    // WHEN the caller fails once, presses 1 (back to the menu), fails once more, then presses 2
    await answerMenus(sim.call, ['9', '1', '9', '2']);
    await done;
    // THEN neither failure reached "failed": the valid key reset the count
    expect(menuExits(sim.events())).toEqual(['invalid', '1', 'invalid', '2']);
  });

  it('starts counting again after "failed", when the flow comes back to the menu', async () => {
    // GIVEN a menu (no retry) whose failed branch says a sentence and comes back
    const document = menuFlow({ retries: 0, wire: ['failed'] });
    document.edges.push({ id: 'failed.next', source: 'failed', sourceBranch: 'next', target: 'menu' });
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100' });
    const done = sim.run();
    // WHEN the caller fails, comes back, and presses 2
    await answerMenus(sim.call, ['9', '2']);
    await done;
    // THEN the second visit accepted the key
    expect(menuExits(sim.events())).toEqual(['failed', '2']);
  });

  it('lets a key interrupt the prompt (barge-in) and answer the menu', async () => {
    // GIVEN a long menu prompt with barge-in
    const document = menuFlow({});
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100', playbackMs: 60_000 });
    const done = sim.run();
    // WHEN the caller presses 2 during the prompt
    await sim.call.waitingFor('play');
    sim.call.pressKeys('2');
    // THEN the prompt stops and 2 answers the menu (the "Deux." prompt is long too: hang up there)
    await sim.call.waitingFor('play');
    sim.call.hangUp();
    await done;
    expect(sim.call.transcript.find((entry) => entry.kind === 'played')).toMatchObject({ outcome: 'interrupted' });
    expect(menuExits(sim.events())).toEqual(['2']);
    expect(sim.events().find((event) => event.kind === 'prompt-played')?.detail).toMatchObject({
      outcome: 'interrupted',
      digit: '2',
    });
  });

  it('plays the whole prompt when barge-in is off, and reads the key pressed during it', async () => {
    // GIVEN a menu without barge-in whose prompt lasts 50 ms
    const document = menuFlow({ bargeIn: false });
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100', playbackMs: 50 });
    const done = sim.run();
    // WHEN the caller presses 1 during the prompt, and later hangs up
    await sim.call.waitingFor('play');
    sim.call.pressKeys('1');
    await sim.call.waitingFor('digits');
    sim.call.hangUp();
    await done;
    // THEN the prompt finished and the buffered key answered the menu
    const played = sim.call.transcript.filter((entry) => entry.kind === 'played');
    expect(played.slice(0, 2).map((entry) => entry.outcome)).toEqual(['finished', 'finished']);
    expect(menuExits(sim.events())).toEqual(['1', null]);
  });

  it('ignores keys pressed before the menu was offered', async () => {
    // GIVEN a welcome prompt (50 ms, no barge-in) before the menu
    const document = menuFlow({});
    document.nodes.push({
      id: 'hello',
      type: 'say',
      position: { x: 0, y: 0 },
      data: { text: 'Bonjour.', language: 'fr-FR' },
    });
    document.edges[0] = { id: 'start.next', source: 'start', sourceBranch: 'next', target: 'hello' };
    document.edges.push({ id: 'hello.next', source: 'hello', sourceBranch: 'next', target: 'menu' });
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100', playbackMs: 50 });
    const done = sim.run();
    // WHEN the caller presses 2 during the welcome, then 1 in the menu
    await sim.call.waitingFor('play');
    sim.call.pressKeys('2');
    await answerMenus(sim.call, ['1']);
    await sim.call.waitingFor('play');
    sim.call.hangUp();
    await done;
    // THEN only the 1 counted
    expect(
      sim
        .events()
        .filter((event) => event.kind === 'digits')
        .map((event) => event.digits),
    ).toEqual(['1']);
    expect(menuExits(sim.events())).toEqual(['1']);
  });

  it('really waits timeoutSeconds for a key', async () => {
    // GIVEN a menu with a 1 s timeout, no retry and nothing wired but its keys
    const document = menuFlow({ retries: 0, timeoutSeconds: 1 });
    const sim = simulate({ flows: [{ flowId: 'm', document }], dialledNumber: '7100' });
    const startedAt = Date.now();
    // WHEN the caller says nothing
    const summary = await sim.run();
    // THEN the call ends by "failed" after about one second
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(menuExits(sim.events())).toEqual(['failed']);
    expect(sim.events().find((event) => event.kind === 'digits')).toMatchObject({
      digits: '',
      detail: { ended: 'timeout' },
    });
    expect(summary.outcome).toBe('completed');
  });
});
