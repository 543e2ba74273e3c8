// Issue 13 end to end ("flows that speak several languages"): the real runtime process runs the published bilingual
// menu (flows/examples/ivr-6005.json) on the real Asterisk sandbox. A caller who presses 2 hears the menu in English,
// and a wrong key the English invalid-option message; the audio files Asterisk fetched are the English renders.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/runtime-bilingual-6005.e2e.test.ts
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { CallRecord } from '#db/calls.ts';
import { requireAriSettings } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { Callers, hasEntered, nodesEntered, promptsPlayed, type PlacedCall } from './testing/callers.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';

const CHOOSER = 'Pour le français, tapez 1. For English, press 2.';
const ENGLISH = {
  welcome: 'Hello, and welcome to the platform.',
  menu: 'Press 1 for the accounts department. Press 2 for human resources. Press 3 for the IT department.',
  invalid: 'Invalid option.',
};
const FRENCH = {
  welcome: 'Bonjour, et bienvenue à la plateforme',
  menu: 'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.',
};

const ari = requireAriSettings();
const run = promisify(execFile);

let workspace: RuntimeWorkspace;
let runtime: RuntimeProcess;
let callers: Callers;
/** The same prompt store as the runtime's (same folder, same voice settings): it names each render's file. */
let prompts: PromptStore;
const placed: PlacedCall[] = [];

beforeAll(async () => {
  workspace = await seededWorkspace();
  runtime = await startRuntimeProcess(workspace, ari);
  prompts = createPromptStore({ ...process.env, PROMPTS_DIR: workspace.promptsDir });
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
}, 180_000);

beforeEach(() => {
  onTestFailed(() => console.error(`--- runtime output (last 8000 chars) ---\n${runtime.output().slice(-8_000)}`));
});

afterEach(async () => {
  for (const call of placed.splice(0)) await callers.hangUp(call);
});

afterAll(async () => {
  await callers?.stop();
  const code = await runtime?.stop();
  workspace?.remove();
  expect(code).toBe(0);
});

async function dial(number: string): Promise<PlacedCall> {
  const call = await callers.dial(number);
  placed.push(call);
  return call;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the call is in `nodeId` (its prompt playing) for the `visit`-th time, then a bit, so a key barges in. */
async function waitForPrompt(call: PlacedCall, nodeId: string, visit = 1) {
  await callers.recordWhen(call, (record) => hasEntered(record, nodeId, visit), 30_000, `${nodeId} visit ${visit}`);
  await sleep(800);
}

/** The file name (content hash) of each prompt the call played, by its text. */
function playedHashes(record: CallRecord): Map<string, string> {
  return new Map(
    record.events
      .filter((event) => event.kind === 'prompt-played')
      .map((event) => [String(event.detail?.text), String(event.detail?.hash)]),
  );
}

/** The URIs of the files Asterisk fetched over HTTP and keeps in its media cache. */
async function asteriskFetchedUris(): Promise<string> {
  const script = process.env.ASTERISK_SANDBOX_SCRIPT ?? path.resolve('scripts/asterisk-sandbox.sh');
  const { stdout } = await run('bash', [script, 'cli', 'media cache show all'], { timeout: 30_000 });
  return stdout;
}

describe('the bilingual 6005 menu run by the runtime process on Asterisk', () => {
  it('a caller who presses 2 hears the English menu, and after a wrong key the English invalid-option message', async () => {
    // GIVEN a caller offered the language choice on 6005
    const call = await dial('6005');
    await waitForPrompt(call, 'choose-language');
    // WHEN they press 2 (English), then 9 at the menu
    await callers.press(call, '2');
    await waitForPrompt(call, 'main-menu');
    await callers.press(call, '9');
    const record = await callers.recordWhen(call, (r) => hasEntered(r, 'main-menu', 2), 30_000, 'menu offered again');

    // THEN the call switched to en-GB and every prompt after the choice was the English text
    expect(record.flowName).toBe('Standard bilingue - menu principal');
    expect(record.events.filter((event) => event.kind === 'variable-set').map((event) => event.detail)).toEqual([
      { variable: 'language', value: 'en-GB' },
    ]);
    expect(promptsPlayed(record)).toEqual([
      { text: CHOOSER, outcome: 'interrupted' },
      { text: ENGLISH.welcome, outcome: 'finished' },
      { text: ENGLISH.menu, outcome: 'interrupted' },
      { text: ENGLISH.invalid, outcome: 'finished' },
      { text: ENGLISH.welcome, outcome: 'finished' },
    ]);
    expect(nodesEntered(record)).toEqual([
      'start',
      'choose-language',
      'speak-english',
      'welcome',
      'main-menu',
      'invalid-option',
      'welcome',
      'main-menu',
    ]);

    // AND the files played are the English renders (en-GB voice), rendered at publish time, and Asterisk fetched
    // exactly those from the runtime
    const hashes = playedHashes(record);
    const fetched = await asteriskFetchedUris();
    for (const text of [ENGLISH.welcome, ENGLISH.menu, ENGLISH.invalid]) {
      const englishRender = prompts.keyFor({ text, language: 'en-GB' });
      expect(hashes.get(text), text).toBe(englishRender);
      expect(prompts.has(englishRender), `${text} rendered at publish`).toBe(true);
      expect(fetched, `Asterisk fetched the render of "${text}"`).toContain(
        `http://127.0.0.1:${runtime.port}/prompts/${englishRender}.wav`,
      );
    }
    // The French renders of the same prompts exist too (published in each language), but this call never played them.
    const frenchMenu = prompts.keyFor({ text: FRENCH.menu, language: 'fr-FR' });
    expect(prompts.has(frenchMenu)).toBe(true);
    expect([...hashes.values()]).not.toContain(frenchMenu);
  });

  it('a caller who presses 1 stays in French', async () => {
    const call = await dial('6005');
    await waitForPrompt(call, 'choose-language');
    await callers.press(call, '1');
    const record = await callers.recordWhen(call, (r) => promptsPlayed(r).length >= 3, 30_000, 'French menu playing');
    expect(promptsPlayed(record).map((prompt) => prompt.text)).toEqual([CHOOSER, FRENCH.welcome, FRENCH.menu]);
    expect(playedHashes(record).get(FRENCH.menu)).toBe(prompts.keyFor({ text: FRENCH.menu, language: 'fr-FR' }));
  });
});
