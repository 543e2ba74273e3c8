// The bench menu of `npm run bench:runtime` as native dialplan, for Asterisk alone: an overlay folder for
// `asterisk-sandbox.sh restart DIR` whose extensions.conf is the generated one with the bench number sent to a
// Playback/Background/WaitExten context, and the same WAV prompts copied into the chroot.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type BenchPromptName = 'welcome' | 'menu' | 'key2';

/** Inside the chroot; removed again by removeNativeSounds. */
const NATIVE_SOUNDS = '/usr/share/asterisk/sounds/switchboard-bench';

/** Welcome, then the menu (keys interrupt it: barge-in), 5 s for a key; 2 says the short prompt; then hang up. */
export function nativeMenuContext(): string {
  const sound = (name: BenchPromptName) => `${NATIVE_SOUNDS}/${name}`;
  return [
    '; ===== bench only (scripts/bench/runtime.ts): the bench menu as native dialplan =====',
    '[bench-menu-key2]',
    'exten => s,1,Answer()',
    ` same => n,Playback(${sound('welcome')})`,
    ` same => n,Background(${sound('menu')})`,
    ' same => n,WaitExten(5)',
    `exten => 2,1,Playback(${sound('key2')})`,
    ' same => n,Hangup()',
    'exten => i,1,Hangup()',
    'exten => t,1,Hangup()',
    '',
  ].join('\n');
}

/** The overlay folder (the caller removes it): `number` goes to the native menu, every other number as before. */
export function nativeOverlay(astRoot: string, number: string, prompts: Record<BenchPromptName, string>): string {
  const soundsDir = path.join(astRoot, NATIVE_SOUNDS);
  mkdirSync(soundsDir, { recursive: true });
  for (const [name, file] of Object.entries(prompts)) copyFileSync(file, path.join(soundsDir, `${name}.wav`));
  const current = readFileSync(path.join(astRoot, 'etc/asterisk/extensions.conf'), 'utf8');
  if (!current.includes('[from-sip]')) throw new Error('the sandbox extensions.conf has no [from-sip] context');
  if (current.includes('[bench-menu-key2]'))
    throw new Error('the sandbox still runs an earlier bench overlay: restart it (asterisk-sandbox.sh restart) first');
  // An exact extension wins over the _X! pattern that sends every number to Stasis.
  const patched =
    current.replace('[from-sip]', `[from-sip]\nexten => ${number},1,Goto(bench-menu-key2,s,1)\n`) +
    '\n' +
    nativeMenuContext();
  const overlay = mkdtempSync(path.join(tmpdir(), 'bench-native-conf-'));
  writeFileSync(path.join(overlay, 'extensions.conf'), patched);
  return overlay;
}

export function removeNativeSounds(astRoot: string): void {
  rmSync(path.join(astRoot, NATIVE_SOUNDS), { recursive: true, force: true });
}
