// Loaded with `--import` through NODE_OPTIONS by `npm run bench:runtime`: profiles the process like `--cpu-prof`
// (which Node 20 refuses in NODE_OPTIONS) and writes <BENCH_CPU_PROFILE_DIR>/<pid>.cpuprofile when the process exits
// normally (process.exit, or the end of its event loop). With BENCH_CPU_PROFILE_START=signal it starts at the first
// SIGUSR2 instead of at once: the bench sends it after start-up and the warm-up call, so the profile shows the calls,
// not the start-up. Plain JavaScript: it runs before any loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 1000 }); // µs, as --cpu-prof-interval's default
    session.post('Profiler.start');
  };
  if (process.env.BENCH_CPU_PROFILE_START === 'signal') process.on('SIGUSR2', start);
  else start();
  // An in-thread inspector session answers synchronously, so this works in an 'exit' listener.
  process.once('exit', () => {
    if (!started) return;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
