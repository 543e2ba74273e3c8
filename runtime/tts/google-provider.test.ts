// The Google provider against a real TextToSpeechClient talking gRPC to a local server that implements Google's
// TextToSpeech service from the package's own .proto files: no network, no credentials.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { TextToSpeechClient } from '@google-cloud/text-to-speech';
import wavefile from 'wavefile';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleProvider } from './google-provider.ts';
import { encodeTelephoneWav, readWavInfo, rmsDbfs, telephoneSamples } from '../audio/wav.ts';

interface ReceivedRequest {
  input: { text: string };
  voice: { languageCode: string; name: string };
  audioConfig: { audioEncoding: string; sampleRateHertz: number; effectsProfileId: string[] };
}

type Answer =
  | { kind: 'audio'; audio: Buffer }
  | { kind: 'error'; code: grpc.status; details: string }
  | { kind: 'hang'; ms: number };

function tone(sampleRate: number, seconds: number): Int16Array {
  const samples = new Int16Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  return samples;
}

function loadTextToSpeechService(): grpc.ServiceDefinition {
  const require = createRequire(import.meta.url);
  const ttsMain = require.resolve('@google-cloud/text-to-speech');
  const gaxMain = createRequire(ttsMain).resolve('google-gax');
  const definition = protoLoader.loadSync('google/cloud/texttospeech/v1/cloud_tts.proto', {
    includeDirs: [join(dirname(ttsMain), '../protos'), join(dirname(gaxMain), '../protos')],
    enums: String,
    defaults: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    google: { cloud: { texttospeech: { v1: { TextToSpeech: grpc.ServiceClientConstructor } } } };
  };
  return loaded.google.cloud.texttospeech.v1.TextToSpeech.service;
}

describe('GoogleProvider (local gRPC TextToSpeech server)', () => {
  const server = new grpc.Server();
  const received: ReceivedRequest[] = [];
  let cancelledCalls = 0;
  let answer: Answer;
  let port: number;
  let client: TextToSpeechClient;

  beforeAll(async () => {
    server.addService(loadTextToSpeechService(), {
      SynthesizeSpeech: (
        call: grpc.ServerUnaryCall<ReceivedRequest, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => {
        received.push(call.request);
        call.on('cancelled', () => cancelledCalls++);
        if (answer.kind === 'audio') callback(null, { audioContent: answer.audio });
        else if (answer.kind === 'error') callback({ code: answer.code, details: answer.details });
        else setTimeout(() => callback(null, { audioContent: encodeTelephoneWav(tone(8000, 0.1)) }), answer.ms);
      },
    });
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    client = new TextToSpeechClient({ apiEndpoint: '127.0.0.1', port, sslCreds: grpc.credentials.createInsecure() });
  });

  afterAll(async () => {
    await client.close();
    server.forceShutdown();
  });

  beforeEach(() => {
    received.length = 0;
    cancelledCalls = 0;
    answer = { kind: 'audio', audio: encodeTelephoneWav(tone(8000, 1.5)) };
  });

  it('asks for 8 kHz LINEAR16 telephone audio in the right language and voice, and returns the WAV', async () => {
    const google = new GoogleProvider({ client });
    const wav = await google.render({ text: 'Bonjour et bienvenue.', language: 'fr-FR', voice: 'fr-FR-Wavenet-C' });

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      input: { text: 'Bonjour et bienvenue.' },
      voice: { languageCode: 'fr-FR', name: 'fr-FR-Wavenet-C' },
      audioConfig: {
        audioEncoding: 'LINEAR16',
        sampleRateHertz: 8000,
        effectsProfileId: ['telephony-class-application'],
      },
    });
    expect(readWavInfo(wav)).toMatchObject({
      audioFormat: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      durationMs: 1500,
    });
    expect(rmsDbfs(telephoneSamples(wav))).toBeGreaterThan(-20);
  });

  it('creates its own TextToSpeechClient from clientOptions and leaves the voice to Google when none is set', async () => {
    const google = new GoogleProvider({
      clientOptions: { apiEndpoint: '127.0.0.1', port, sslCreds: grpc.credentials.createInsecure() },
    });
    const wav = await google.render({ text: 'Hello.', language: 'en-US' });
    expect(received[0]?.voice).toMatchObject({ languageCode: 'en-US', name: '' });
    expect(readWavInfo(wav).sampleRate).toBe(8000);
  });

  it('converts an answer that is not 8 kHz mono (e.g. 24 kHz stereo) into one', async () => {
    const wav24k = new wavefile.WaveFile();
    const channel = tone(24000, 1);
    wav24k.fromScratch(2, 24000, '16', [channel, channel]);
    answer = { kind: 'audio', audio: Buffer.from(wav24k.toBuffer()) };
    const wav = await new GoogleProvider({ client }).render({ text: 'Hello.', language: 'en-US' });
    const info = readWavInfo(wav);
    expect(info).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(info.durationMs).toBeGreaterThan(990);
    expect(info.durationMs).toBeLessThan(1010);
  });

  it('turns a gRPC error into a message naming the language and voice', async () => {
    answer = { kind: 'error', code: grpc.status.INVALID_ARGUMENT, details: 'Voice fr-FR-Nope does not exist.' };
    await expect(
      new GoogleProvider({ client }).render({ text: 'Bonjour.', language: 'fr-FR', voice: 'fr-FR-Nope' }),
    ).rejects.toThrow(/Google TTS failed \(fr-FR, voice fr-FR-Nope\): .*Voice fr-FR-Nope does not exist/);
  });

  it('refuses an empty answer', async () => {
    answer = { kind: 'audio', audio: Buffer.alloc(0) };
    await expect(new GoogleProvider({ client }).render({ text: 'Hello.', language: 'en-US' })).rejects.toThrow(
      /returned no audio/,
    );
  });

  it('stops waiting as soon as the signal aborts', async () => {
    answer = { kind: 'hang', ms: 3000 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller hung up')), 50);
    const started = performance.now();
    await expect(
      new GoogleProvider({ client }).render({ text: 'Hello.', language: 'en-US' }, controller.signal),
    ).rejects.toThrow('caller hung up');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('ends a request that outlives its gRPC deadline, on the server too', async () => {
    answer = { kind: 'hang', ms: 3000 };
    const started = performance.now();
    await expect(
      new GoogleProvider({ client, deadlineMs: 200 }).render({ text: 'Hello.', language: 'en-US' }),
    ).rejects.toThrow(/Google TTS failed \(en-US, default voice\): Total timeout .* exceeded 200 milliseconds/);
    expect(performance.now() - started).toBeLessThan(2000);
    await expect.poll(() => cancelledCalls).toBe(1);
  });
});
