'use strict';
// Running bench/worker.js in a fresh process and reading its result; shared by bench/run.js and
// bench/store-floor.js, so both measure with the same process flags.

const { spawnSync } = require('child_process');
const path = require('path');

const WORKER = path.join(__dirname, '..', 'worker.js');

/**
 * One `bench/worker.js <lib> <workload> <n> --reps <reps>` process: its BENCH_RESULT, with the
 * wall time; `{ error }` (and the end of its stderr) when it printed none.
 */
function runWorker(lib, workload, n, reps, timeoutS) {
  const args = ['--expose-gc', '--max-old-space-size=8192', WORKER, lib, workload, String(n), '--reps', String(reps)];
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: timeoutS * 1000, maxBuffer: 64 * 1024 * 1024, env: process.env });
  const wall = (Date.now() - t0) / 1000;
  let res = resultLine(r.stdout, 'BENCH_RESULT ');
  if (!res) {
    let why = r.error && r.error.code === 'ETIMEDOUT' ? `timed out after ${timeoutS} s` : `worker exited with ${r.status === null ? 'signal ' + r.signal : 'status ' + r.status}`;
    const tail = (r.stderr || '').trim().split('\n').slice(-8).join('\n');
    if (tail) why += '\n' + tail;
    res = { error: why, verification: false };
  }
  res.wall = wall;
  if (res.error && r.stderr && r.stderr.trim()) res.stderr = r.stderr.trim().split('\n').slice(-20).join('\n');
  return res;
}

// The JSON a script printed on its line starting with `prefix`; null when there is none, or it
// does not parse.
function resultLine(stdout, prefix) {
  const line = (stdout || '').split('\n').find((l) => l.startsWith(prefix));
  if (!line) return null;
  try {
    return JSON.parse(line.slice(prefix.length));
  } catch (e) {
    return null;
  }
}

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

module.exports = { runWorker, resultLine, median };
