import { describe, expect, it } from 'vitest';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

describe('play executor', () => {
  it('plays an Asterisk sound, then an uploaded file, and records both', async () => {
    // GIVEN two play nodes
    const document = typedFlow({
      numbers: ['7700'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('beep', 'play', { sound: { kind: 'asterisk', name: 'hello-world' } }),
        draftNode('jingle', 'play', { sound: { kind: 'upload', fileId: 'jingle_01' } }),
      ],
      edges: [connect('start', 'next', 'beep'), connect('beep', 'next', 'jingle')],
    });
    const sim = simulate({ flows: [{ flowId: 'p', document }], dialledNumber: '7700' });
    // WHEN the call runs
    await sim.run();
    // THEN both were played in order, without barge-in
    expect(sim.call.playedTexts()).toEqual(['sound:hello-world', 'file:jingle_01']);
    const played = sim
      .events()
      .filter((event) => event.kind === 'prompt-played')
      .map((event) => event.detail);
    expect(played).toEqual([
      { sound: 'hello-world', outcome: 'finished' },
      { fileId: 'jingle_01', outcome: 'finished' },
    ]);
  });

  it('records no failed prompt when the playback fails because the caller hung up', async () => {
    // GIVEN a say node whose playback fails the moment the caller hangs up
    const document = typedFlow({
      numbers: ['7700'],
      nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text: 'Bonjour et bienvenue.' })],
      edges: [connect('start', 'next', 'hello')],
    });
    const sim = simulate({
      flows: [{ flowId: 'p', document }],
      dialledNumber: '7700',
      playbackFailure: () => {
        queueMicrotask(() => sim.call.hangUp());
        return 'Channel not found';
      },
    });
    // WHEN the call runs
    const summary = await sim.run();
    // THEN the call ended with the caller's hang-up, and no event says a prompt failed
    expect(summary.outcome).toBe('caller-hung-up');
    expect(sim.events().filter((event) => event.detail?.outcome === 'failed')).toEqual([]);
  });

  it('records a playback that fails and goes on with the flow', async () => {
    // GIVEN an uploaded file that has gone missing, followed by a say
    const document = typedFlow({
      numbers: ['7700'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('jingle', 'play', { sound: { kind: 'upload', fileId: 'deleted' } }),
        draftNode('after', 'say', { text: 'Bonjour.' }),
      ],
      edges: [connect('start', 'next', 'jingle'), connect('jingle', 'next', 'after')],
    });
    const sim = simulate({
      flows: [{ flowId: 'p', document }],
      dialledNumber: '7700',
      playbackFailure: (media) => (media.kind === 'audio-file' ? 'File not found' : undefined),
    });
    // WHEN the call runs
    const summary = await sim.run();
    // THEN the failure is in the call's events and the caller still hears the next node
    expect(sim.events().find((event) => event.kind === 'prompt-played')?.detail).toEqual({
      fileId: 'deleted',
      outcome: 'failed',
      reason: 'File not found',
    });
    expect(sim.call.transcript.filter((entry) => entry.kind === 'played').map((entry) => entry.outcome)).toEqual([
      'failed',
      'finished',
    ]);
    expect(summary.outcome).toBe('completed');
  });
});
