import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { createVoicemailBoxes, voicemailDirFor } from '#db/voicemail.ts';
import { quietToneWav } from '#runtime/audio/wav.ts';
import { serveVoicemailAudio } from './serve-voicemail-audio.ts';

let temp: TempDatabase;
let server: Server;
let base: string;

beforeEach(async () => {
  temp = openTempDatabase();
  await seedPeople(temp.db);
  const app = express();
  app.use('/audio', serveVoicemailAudio(temp.db));
  app.use('/audio', (_request, response) => {
    response.status(418).send('another audio router');
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/audio`;
});
afterEach(() => {
  server.close();
  temp.dispose();
});

describe('voicemail audio for Asterisk', () => {
  it('serves a message by its random file id only, uncached, and not once deleted', async () => {
    const boxes = createVoicemailBoxes(temp.db, { dir: voicemailDirFor(temp.db, {}) });
    const id = await boxes.saveMessage({
      box: '6002',
      callerNumber: '1',
      callerName: '',
      receivedAt: 1,
      durationMs: 1_000,
      audio: quietToneWav(1_000),
    });
    const { fileId } = boxes.messages('6002')[0]!.audio as { fileId: string };

    const response = await fetch(`${base}/${fileId}.wav`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(quietToneWav(1_000)));

    // Guessing: the message id, another token, a path trick
    expect((await fetch(`${base}/vm-${'a'.repeat(48)}.wav`)).status).toBe(404);
    expect((await fetch(`${base}/${id}.wav`)).status).toBe(418); // not a voicemail file name: left to other routers
    expect((await fetch(`${base}/${path.basename('..%2F..%2Fswitchboard.db')}`)).status).toBe(418);

    boxes.deleteMessage(id, 2);
    expect((await fetch(`${base}/${fileId}.wav`)).status).toBe(404);
  });
});
