// Run as a child process by connection.e2e.test.ts, to prove stop() leaves nothing that keeps Node alive (socket,
// timer, listener, a retired event session's WebSocket). Modes:
//   call       connect, answer one call to <app>-exit and play to it, then stop
//   reconnect  connect, wait until the connection is lost and back (the test restarts Asterisk), then stop
//   retrying   point at a port where nothing listens, let a retry timer get scheduled, then stop
// It uses its own Stasis app name (<ARI_APP>-exit): Asterisk gives an app to the newest WebSocket that asks for it,
// and the test process keeps its own connection on ARI_APP.
//   node --import tsx runtime/ari/testing/exit-after-stop.ts <call|reconnect|retrying>
import { AriConnection } from '../connection.ts';
import { quietLog, requireAriSettings, testMedia } from './asterisk.ts';

const mode = process.argv[2];
if (mode !== 'call' && mode !== 'reconnect' && mode !== 'retrying') throw new Error(`unknown mode "${mode}"`);
const settings = requireAriSettings();
const connection = new AriConnection(
  { ...settings, app: `${settings.app}-exit`, url: mode === 'retrying' ? 'http://127.0.0.1:9' : settings.url },
  { media: testMedia, log: quietLog },
);
connection.on('state', (status) =>
  console.log(`state ${status.state} ${((Date.now() % 100000) / 1000).toFixed(2)} ${status.message}`),
);
const played = new Promise<void>((resolve) => {
  connection.on('incoming-call', (port) => {
    void (async () => {
      await port.answer();
      await port.play({ kind: 'sound', name: 'hello-world' }, { bargeIn: true, signal: new AbortController().signal });
      console.log(`played ${port.id}`);
      resolve();
    })();
  });
});
connection.start();
if (mode === 'retrying') {
  await connection.waitForState('disconnected', 10_000);
  await new Promise((resolve) => setTimeout(resolve, 200)); // now a retry timer is pending
} else {
  await connection.waitForState('connected', 10_000);
  console.log('ready');
  if (mode === 'call') await played;
  else {
    await connection.waitForState('disconnected', 60_000);
    await connection.waitForState('connected', 60_000);
    console.log('reconnected');
  }
}
await connection.stop();
console.log(`stopped ${Date.now()}`);
