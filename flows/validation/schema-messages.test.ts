import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translatorFor } from '#i18n/translator.ts';
import { seconds, spokenPromptSchema, spokenTextSchema } from '../nodes/shared.ts';
import { describeIssue } from './issue-messages.ts';
import { SCHEMA_MESSAGE_KEYS, schemaMessage, translateSchemaMessage } from './schema-messages.ts';

const firstIssue = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!;

describe('the rules the flow schemas state', () => {
  it('carry their English sentence, which the forms, the database layer and the API show as it is', () => {
    expect(firstIssue(spokenTextSchema, '  ').message).toBe('Type what the caller should hear');
    expect(firstIssue(seconds(5, 600, 120), 601).message).toBe('At most 600 s');
  });

  it('are worded in French by validation, with the bound zod reports', () => {
    const french = translatorFor('fr');
    expect(translateSchemaMessage('Type what the caller should hear', {}, french)).toBe(
      "Saisissez ce que l'appelant doit entendre",
    );
    expect(describeIssue(firstIssue(seconds(5, 600, 120), 601), 601, 'fr')).toBe('Au plus 600 s.');
    expect(describeIssue(firstIssue(seconds(5, 600, 120), 2), 2, 'fr')).toBe('Au moins 5 s.');
    expect(describeIssue(firstIssue(seconds(5, 600, 120), 2), 2, 'en')).toBe('At least 5 s.');
  });

  it('name the record key at fault, in French too', () => {
    const own = { text: 'Bonjour.', translations: { 'fr-FR': { text: 'Salut.' } } };
    const badKey = { text: 'Bonjour.', translations: { english: { text: 'Hi.' } } };
    expect(describeIssue(firstIssue(spokenPromptSchema, own), own, 'fr')).toBe(
      'Le texte du message est déjà en fr-FR : retirez cette traduction ou changez la langue du message.',
    );
    expect(describeIssue(firstIssue(spokenPromptSchema, badKey), badKey, 'fr')).toBe(
      "« english » n'est pas une langue : rangez chaque traduction sous une langue comme en-GB ou en-US.",
    );
    expect(describeIssue(firstIssue(spokenPromptSchema, badKey), badKey, 'en')).toBe(
      '"english" is not a language tag: key each translation by a tag such as en-GB or en-US.',
    );
  });

  it('leave a message that is none of theirs alone', () => {
    expect(translateSchemaMessage('Something a library said', {}, translatorFor('fr'))).toBeNull();
  });

  it('never share an English sentence, so the way back from English to the rule is unambiguous', () => {
    // Each rule rendered with the bounds the schemas use: no two keys may give the same sentence for any of them.
    for (const count of [undefined, 1, 2, 5, 32]) {
      const sentences = SCHEMA_MESSAGE_KEYS.map((key) =>
        schemaMessage(key, count === undefined ? undefined : { count }),
      );
      expect(new Set(sentences).size).toBe(sentences.length);
    }
  });
});

describe("zod's own problems", () => {
  it("are described in the reader's language, from the catalogue, or by zod's locale for the rare ones", () => {
    const mail = z.object({ mail: z.email() });
    const issue = firstIssue(mail, { mail: 'nope' });
    expect(describeIssue(issue, { mail: 'nope' }, 'en')).toBe('Invalid email address.');
    expect(describeIssue(issue, { mail: 'nope' }, 'fr')).toBe('Adresse e-mail invalide.');
    const list = z.object({ items: z.array(z.string()).max(2000) });
    const tooMany = { items: Array.from({ length: 2001 }, () => 'x') };
    expect(describeIssue(firstIssue(list, tooMany), tooMany, 'fr')).toBe('Gardez-en au plus 2\u202f000.');
    expect(describeIssue(firstIssue(list, tooMany), tooMany, 'en')).toBe('Keep at most 2,000.');
  });
});
