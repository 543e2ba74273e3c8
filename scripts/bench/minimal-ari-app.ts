// The yardstick of `npm run bench:runtime`: the bench menu (welcome, menu with barge-in, key 2, short prompt, hang-up)
// as the smallest plain ari-client app that does it. No database, no per-call logging. It serves its own prompts over
// HTTP and plays them as `sound:http://...` like the runtime does, so both cost Asterisk the same. It counts the ARI
// requests it makes and the events it receives (GET /stats, and printed at exit) to compare with the runtime's.
//
// Environment: ARI_URL ARI_USER ARI_PASS ARI_APP, BENCH_PROMPTS (JSON {"welcome","menu","key2"}: WAV file paths),
// BENCH_APP_PORT (its HTTP port). Prints "ready" once its WebSocket holds the Stasis app. SIGTERM ends it cleanly
// (so that --cpu-prof writes its profile).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import ari from 'ari-client';

type PromptName = 'welcome' | 'menu' | 'key2';
const env = (name: string) => process.env[name] ?? (process.exit(2) as never);
const promptPaths = JSON.parse(env('BENCH_PROMPTS')) as Record<PromptName, string>;
const prompts = new Map(Object.entries(promptPaths).map(([name, file]) => [`/${name}.wav`, readFileSync(file)]));
const port = Number(env('BENCH_APP_PORT'));
const MENU_TIMEOUT_MS = 5000;

const stats = { requests: 0, events: 0, calls: 0, requestErrors: 0 };
/** Every REST request goes through here, to be counted; a call hung up meanwhile makes it fail, harmlessly. */
const request = (work: () => Promise<unknown>): Promise<unknown> => {
  stats.requests += 1;
  return work().catch(() => (stats.requestErrors += 1));
};

createServer((req, res) => {
  const wav = prompts.get(req.url ?? '');
  if (wav) res.writeHead(200, { 'content-type': 'audio/wav', 'cache-control': 'max-age=31536000' }).end(wav);
  else if (req.url === '/stats') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  else res.writeHead(404).end();
}).listen(port, '127.0.0.1');

type Stage = 'welcome' | 'menu' | 'waiting' | 'key2';
interface Call {
  stage: Stage;
  playbackId: string;
  timer?: NodeJS.Timeout;
}
const calls = new Map<string, Call>();
let playbacks = 0;

const client = await ari.connect(env('ARI_URL'), env('ARI_USER'), env('ARI_PASS'));

function play(channelId: string, call: Call, stage: Stage, prompt: PromptName) {
  call.stage = stage;
  call.playbackId = `bench-${process.pid}-${++playbacks}`;
  const media = `sound:http://127.0.0.1:${port}/${prompt}.wav`;
  void request(() => client.channels.play({ channelId, media, playbackId: call.playbackId }));
}
const hangup = (channelId: string) => void request(() => client.channels.hangup({ channelId }));

// Raw event JSON through one listener per type: no per-channel listeners to add and remove. ari-client emits every
// event as "*" too (lib/client.js), which its type definitions leave out.
(client as unknown as NodeJS.EventEmitter).on('*', () => (stats.events += 1));
client.on('StasisStart', (event) => {
  const channelId = event.channel.id;
  const call: Call = { stage: 'welcome', playbackId: '' };
  calls.set(channelId, call);
  stats.calls += 1;
  // Answer first: a play sent alongside can reach Asterisk first, play as early media and hold the answer back
  // until the welcome ends (the channel's Stasis commands run one after the other).
  void request(() => client.channels.answer({ channelId })).then(() => play(channelId, call, 'welcome', 'welcome'));
});
client.on('PlaybackFinished', (event) => {
  const channelId = event.playback.target_uri.replace(/^channel:/, '');
  const call = calls.get(channelId);
  if (!call || call.playbackId !== event.playback.id) return; // a menu prompt stopped by a key
  if (call.stage === 'welcome') play(channelId, call, 'menu', 'menu');
  else if (call.stage === 'menu') {
    call.stage = 'waiting';
    call.timer = setTimeout(() => hangup(channelId), MENU_TIMEOUT_MS);
  } else if (call.stage === 'key2') hangup(channelId);
});
client.on('ChannelDtmfReceived', (event) => {
  const call = calls.get(event.channel.id);
  if (!call || (call.stage !== 'menu' && call.stage !== 'waiting')) return; // keys count once the menu is offered
  clearTimeout(call.timer);
  const { playbackId } = call;
  if (call.stage === 'menu') void request(() => client.playbacks.stop({ playbackId })); // barge-in
  if (event.digit === '2') play(event.channel.id, call, 'key2', 'key2');
  else hangup(event.channel.id);
});
client.on('StasisEnd', (event) => {
  clearTimeout(calls.get(event.channel.id)?.timer);
  calls.delete(event.channel.id);
});
client.on('WebSocketConnected', () => console.log('ready'));
process.once('SIGTERM', () => {
  console.log(`stats ${JSON.stringify(stats)}`);
  process.exit(0);
});
await client.start(env('ARI_APP'));
