import { describe, expect, it } from 'vitest';
import { MemoryCallRecorder, MemoryFlowDirectory, MemoryPromptSource } from './memory-ports.ts';
import { connect, draftNode, typedFlow } from './testing/call-harness.ts';

const flowOn = (numbers: string[], text = 'Bonjour.') =>
  typedFlow({
    numbers,
    nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text })],
    edges: [connect('start', 'next', 'hello')],
  });

describe('MemoryFlowDirectory', () => {
  it('binds numbers to the latest version and keeps older versions unchanged', () => {
    // GIVEN a flow published on 6003
    const directory = new MemoryFlowDirectory([{ flowId: 'ivr', document: flowOn(['6003']) }]);
    const first = directory.publishedFlowForNumber('6003');
    // WHEN a second version moves it to 6005
    const second = directory.publish('ivr', flowOn(['6005'], 'Salut.'));
    // THEN 6005 leads to version 2, 6003 is free, and version 1 still says what it said
    expect(directory.publishedFlowForNumber('6005')?.versionId).toBe('ivr@v2');
    expect(directory.publishedFlowForNumber('6003')).toBeNull();
    expect(second.versionNumber).toBe(2);
    expect(first?.document.nodes[1]).toMatchObject({ data: { text: 'Bonjour.' } });
    expect(Object.isFrozen(first?.document)).toBe(true);
  });

  it('refuses a number that belongs to another flow', () => {
    // GIVEN 6003 taken by "ivr"
    const directory = new MemoryFlowDirectory([{ flowId: 'ivr', document: flowOn(['6003']) }]);
    // WHEN another flow claims it
    // THEN publishing fails and says which flow owns it
    expect(() => directory.publish('other', flowOn(['6003']))).toThrow('number 6003 already belongs to flow ivr');
  });
});

describe('MemoryCallRecorder', () => {
  it('closes open calls whose channel is gone as lost', () => {
    // GIVEN two open calls
    const recorder = new MemoryCallRecorder();
    const base = {
      dialledNumber: '6003',
      callerNumber: '1',
      callerName: '',
      simulated: true,
      flowId: null,
      versionId: null,
      startedAt: 1,
    };
    recorder.startCall({ ...base, channelId: 'alive' });
    const gone = recorder.startCall({ ...base, channelId: 'gone' });
    // WHEN only one channel is still live
    const closed = recorder.closeCallsNotIn(new Set(['alive']), 99);
    // THEN the other is lost
    expect(closed).toBe(1);
    expect(recorder.call(gone)).toMatchObject({ outcome: 'lost', endedAt: 99 });
    expect(() => recorder.endCall(gone, 'completed', 100)).toThrow(/already ended/);
  });
});

describe('MemoryPromptSource', () => {
  it('addresses a prompt by what shapes its audio', async () => {
    // GIVEN the same text in two languages
    const prompts = new MemoryPromptSource();
    const signal = new AbortController().signal;
    const french = await prompts.prepare({ text: 'Bonjour.', language: 'fr-FR' }, signal);
    const again = await prompts.prepare({ text: 'Bonjour.', language: 'fr-FR' }, signal);
    const canadian = await prompts.prepare({ text: 'Bonjour.', language: 'fr-CA' }, signal);
    // THEN equal specs share a hash, different ones do not
    expect(french).toEqual(again);
    expect(french.kind === 'prompt' && canadian.kind === 'prompt' && french.hash !== canadian.hash).toBe(true);
    expect(prompts.prepared).toHaveLength(3);
  });
});
