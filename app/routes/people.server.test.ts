import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { translatorFor } from '#i18n/translator.ts';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { changePeople, type PeopleActionResult } from './people.server.ts';

let temp: TempDatabase;
let services: Parameters<typeof changePeople>[0];

beforeEach(() => {
  temp = openTempDatabase();
  services = {
    db: temp.db,
    prompts: createPromptStore({ PROMPTS_DIR: join(temp.folder, 'prompts') }),
    sipProvisioner: new FakeSipProvisioner(),
  };
});
afterEach(() => temp.dispose());

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

const carol = {
  intent: 'add',
  username: 'carol',
  extension: '6010',
  displayName: 'Carol',
  email: '',
  language: 'fr-FR',
  sipPassword: 'Vert-Pomme-42',
  voicemailPin: '4821',
};

async function answer(fields: Record<string, string>, language: 'fr' | 'en') {
  const result = await changePeople(services, 'ada', form(fields), translatorFor(language));
  return { status: result.init?.status ?? 200, body: result.data as PeopleActionResult };
}

describe('the People page’s answers, in the reader’s language', () => {
  it('says what an addition did, in French', async () => {
    const { status, body } = await answer(carol, 'fr');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      done: 'Personne ajoutée : Carol, poste 6010, identifiant carol.',
      notes: [
        { text: "Son parcours « Carol (6010) » est publié (version 1) : modifiez-le dans l'éditeur.", tone: 'ok' },
        {
          text: "Asterisk a maintenant le compte SIP : le téléphone peut s'enregistrer et le poste sonne aussitôt.",
          tone: 'ok',
        },
      ],
    });
  });

  it('puts each refusal under its field: policy, format and taken values alike', async () => {
    const { status, body } = await answer(
      { ...carol, sipPassword: 'carol2024!', voicemailPin: '0000', email: 'carol@' },
      'fr',
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({
      fieldErrors: {
        sipPassword: "Le mot de passe SIP ne doit contenir ni l'identifiant ni le poste",
        voicemailPin: "Un code secret fait d'un seul chiffre répété se devine trop facilement",
        email: 'Saisissez une adresse e-mail, par exemple nom@example.org',
      },
      values: { username: 'carol', email: 'carol@' },
    });

    const malformed = await answer({ ...carol, username: 'Carol!', extension: '6', language: 'français' }, 'fr');
    expect(malformed.body).toMatchObject({
      fieldErrors: {
        username:
          'Un identifiant compte de 2 à 32 caractères (lettres minuscules, chiffres, « . », « _ » ou « - ») et ' +
          'commence par une lettre',
        extension: 'Un poste compte de 2 à 10 chiffres',
        language: 'Indiquez une langue sous la forme fr-FR ou en-US',
      },
    });

    await answer(carol, 'en');
    const taken = await answer({ ...carol, username: 'carole' }, 'en');
    expect(taken.body).toMatchObject({ fieldErrors: { extension: '6010 is already the extension of Carol (carol)' } });
    const short = await answer({ ...carol, username: 'dan', extension: '6011', sipPassword: 'abc' }, 'fr');
    expect(short.body).toMatchObject({
      fieldErrors: { sipPassword: 'Un mot de passe SIP compte au moins 8 caractères' },
    });
  });

  it('says when the person is gone, or the action unknown', async () => {
    const gone = await answer({ intent: 'remove', personId: 'usr_nobody' }, 'fr');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ formError: "Cette personne n'existe plus : quelqu'un l'a retirée entre-temps." });
    const unknown = await answer({ intent: 'promote' }, 'en');
    expect(unknown.body).toMatchObject({ formError: 'Unknown action "promote"' });
  });
});
