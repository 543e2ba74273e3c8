import { describe, expect, it } from 'vitest';
import { connect, draftNode, flowDocument } from '#flows/testing/documents.ts';
import { validateFlow } from '#flows/validate.ts';
import { promptsToPublish } from './publish-prompts.ts';

function typed(document: ReturnType<typeof flowDocument>) {
  const result = validateFlow(document);
  if (!result.typed) throw new Error(JSON.stringify(result.diagnostics));
  return result.typed;
}

const greeting = { text: 'Bonjour.', translations: { 'en-GB': { text: 'Hello.' } } };

describe('promptsToPublish', () => {
  it('renders only the prompts of a flow that stays in the platform language', () => {
    const document = typed(
      flowDocument({
        nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text: 'Bonjour.' })],
        edges: [connect('start', 'next', 'hello')],
      }),
    );
    expect(promptsToPublish(document, 'fr-FR')).toEqual([{ text: 'Bonjour.', language: 'fr-FR' }]);
  });

  it("adds the platform's own sentences, voicemail's among them, in each other language a call may switch to", () => {
    const document = typed(
      flowDocument({
        nodes: [
          draftNode('start', 'start'),
          draftNode('english', 'language', { choice: 'fixed', language: 'en-GB' }),
          draftNode('hello', 'say', greeting),
          draftNode('box', 'voicemail', { box: '6001' }),
        ],
        edges: [
          connect('start', 'next', 'english'),
          connect('english', 'next', 'hello'),
          connect('hello', 'next', 'box'),
        ],
      }),
    );
    const specs = promptsToPublish(document, 'fr-FR');
    expect(specs.slice(0, 2)).toEqual([
      { text: 'Bonjour.', language: 'fr-FR' },
      { text: 'Hello.', language: 'en-GB' },
    ]);
    const texts = specs.slice(2).map((spec) => spec.text);
    expect(texts).toContain('We are sorry, a technical error occurred. Goodbye.');
    expect(texts).toContain('Your message has been saved. Goodbye.');
    expect(texts).not.toContain('Please enter the conference PIN, followed by the pound key.');
    expect(specs.slice(2).every((spec) => spec.language === 'en-GB')).toBe(true);
  });
});
