import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount, createStaffSession, type StaffRole } from '#db/auth.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { EspeakProvider } from '#runtime/tts/espeak-provider.ts';
import { PromptStore } from '#runtime/tts/prompt-store.ts';
import { readWavInfo } from '#runtime/audio/wav.ts';
import type { SwitchboardServices } from '#server/services.ts';
import { CSRF_HEADER } from '../components/csrf-input.tsx';
import { SESSION_COOKIE } from '../auth.server.ts';
import { action } from './prompt-preview.ts';

const SITE = 'http://switchboard.test';

describe('POST /api/prompt-preview', () => {
  let temp: TempDatabase;
  let dir: string;
  let services: SwitchboardServices;

  beforeEach(() => {
    temp = openTempDatabase();
    dir = mkdtempSync(join(tmpdir(), 'prompt-preview-'));
    services = {
      db: temp.db,
      prompts: new PromptStore({ dir, provider: new EspeakProvider() }),
      asterisk: () => ({ state: 'not-configured', message: '', since: 0 }),
    };
  });
  afterEach(() => {
    temp.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(role: StaffRole, body: unknown): Promise<Response> {
    const account = await createStaffAccount(temp.db, { username: `${role}1`, password: 'long enough password', role });
    const session = createStaffSession(temp.db, account.id);
    const request = new Request(`${SITE}/api/prompt-preview`, {
      method: 'POST',
      headers: {
        Cookie: `${SESSION_COOKIE}=${session.id}`,
        [CSRF_HEADER]: session.csrfToken,
        'Content-Type': 'application/json',
        Origin: SITE,
      },
      body: JSON.stringify(body),
    });
    return action({ request, context: { services }, params: {} } as never);
  }

  it('answers the prompt as callers hear it: an 8 kHz mono WAV', async () => {
    const response = await post('editor', { text: 'Bonjour et bienvenue.', language: 'fr-FR' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('audio/wav');
    const info = readWavInfo(new Uint8Array(await response.arrayBuffer()), 'preview');
    expect([info.sampleRate, info.channels, info.bitsPerSample]).toEqual([8000, 1, 16]);
    expect(info.durationMs).toBeGreaterThan(500);
    // The file is now in the store: publishing will not render it again.
    expect(services.prompts.has(response.headers.get('X-Prompt-Hash') ?? '')).toBe(true);
  });

  it('says what is wrong with a request without text', async () => {
    const response = await post('editor', { text: '   ', language: 'fr-FR' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('Type what the caller should hear');
  });

  it('is for editors: a viewer is refused', async () => {
    await expect(post('viewer', { text: 'Bonjour', language: 'fr-FR' })).rejects.toMatchObject({
      init: { status: 403 },
    });
  });
});
