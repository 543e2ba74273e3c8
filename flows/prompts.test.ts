import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, referencesNothing, speaksNothing } from './node-definition.ts';
import { spokenPromptsOf } from './prompts.ts';
import { connect, draftNode, flowDocument } from './testing/documents.ts';
import { validateFlow } from './validate.ts';

describe('spokenPromptsOf', () => {
  it("collects, in document order, what each node's definition says it speaks", () => {
    const document = validateFlow(
      flowDocument({
        nodes: [
          draftNode('start', 'start'),
          draftNode('hello', 'say', { text: 'Hello', language: 'en-US' }),
          draftNode('pin', 'collect', { variable: 'pin', prompt: { text: 'Your PIN', language: 'en-US' } }),
          draftNode('box', 'voicemail', {
            box: '6001',
            greeting: { kind: 'spoken', text: 'After the beep' },
            language: 'en-GB',
          }),
          draftNode('silent', 'collect', { variable: 'x' }),
          draftNode('bye', 'hangup'),
        ],
        edges: [
          connect('start', 'next', 'hello'),
          connect('hello', 'next', 'pin'),
          connect('pin', 'next', 'box'),
          connect('box', 'next', 'silent'),
          connect('silent', 'next', 'bye'),
        ],
      }),
    ).typed!;
    expect(spokenPromptsOf(document)).toEqual([
      { text: 'Hello', language: 'en-US' },
      { text: 'Your PIN', language: 'en-US' },
      { text: 'After the beep', language: 'en-GB', voice: undefined },
    ]);
  });

  it('is empty for a flow that speaks nothing', () => {
    const document = validateFlow(
      flowDocument({
        nodes: [draftNode('start', 'start'), draftNode('bye', 'hangup')],
        edges: [connect('start', 'next', 'bye')],
      }),
    ).typed!;
    expect(spokenPromptsOf(document)).toEqual([]);
  });
});

describe('defineNode', () => {
  it('makes every fact a node type must state a required field, so a new type cannot leave one out', () => {
    const complete = {
      type: 'beep',
      title: 'Beep',
      summary: 'Beeps.',
      category: 'prompts',
      data: z.object({}),
      defaults: () => ({}),
      branches: () => [],
      waitsForCaller: true,
      acceptsCalls: true,
      spokenPrompts: speaksNothing,
      ...referencesNothing,
    } as const;
    expect(defineNode(complete).type).toBe('beep');
    const { spokenPrompts: _spoken, ...withoutPrompts } = complete;
    // @ts-expect-error -- a speaking node that forgot its prompts would never have them rendered at publish
    defineNode(withoutPrompts);
    const { rewriteReferences: _rewrite, ...withoutRewriting } = complete;
    // @ts-expect-error -- a node pointing at a person that cannot be renumbered would keep ringing the old number
    defineNode(withoutRewriting);
    const { acceptsCalls: _accepts, ...withoutEntry } = complete;
    // @ts-expect-error -- the editor must know whether to draw an entry handle
    defineNode(withoutEntry);
  });
});
