import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_PEOPLE } from '#db/seed.ts';
import { validateFlow } from '../validate.ts';
import { personalFlowDocument } from './personal-flow.ts';

const example = (extension: string) =>
  JSON.parse(readFileSync(new URL(`../examples/person-${extension}.json`, import.meta.url), 'utf8')) as unknown;

describe('personalFlowDocument', () => {
  it.each(SEED_PEOPLE.map((person) => [person.username, person] as const))(
    'gives %s exactly the example flow of the seed brief',
    (_name, person) => {
      const owner = {
        username: person.username,
        extension: person.extension,
        displayName: person.displayName,
        language: 'fr-FR',
      };
      expect(personalFlowDocument(owner)).toEqual(example(person.extension));
    },
  );

  it('is a valid flow: rings the person for the given seconds, then their voicemail box', () => {
    const document = personalFlowDocument(
      { username: 'jean.dupont', extension: '6010', displayName: 'Jean', language: 'en-US' },
      15,
    );
    const result = validateFlow(document);
    expect(result.diagnostics).toEqual([]);
    expect(document.numbers).toEqual(['6010']);
    const dial = document.nodes.find((node) => node.type === 'dial');
    const voicemail = document.nodes.find((node) => node.type === 'voicemail');
    // "." is not allowed in node ids
    expect(dial?.id).toBe('dial-jean-dupont');
    expect(dial?.data).toEqual({ target: { kind: 'user', username: 'jean.dupont' }, ringSeconds: 15 });
    expect(voicemail?.data).toEqual({ box: '6010', greeting: { kind: 'owner' }, language: 'en-US' });
    for (const branch of ['no-answer', 'busy', 'failed']) {
      expect(document.edges.find((edge) => edge.source === dial?.id && edge.sourceBranch === branch)?.target).toBe(
        voicemail?.id,
      );
    }
  });
});
