'use strict';
// Shows that the bench's verification rejects wrong results: runs the plain-Backbone worker
// with each deliberate corruption of bench/lib/sabotage.js and expects every run to be
// refused, and the same workloads uncorrupted to pass.  node bench/check-verify.js [--lib L]
const { spawnSync } = require('child_process');
const path = require('path');

const lib = process.argv[2] === '--lib' ? process.argv[3] : 'plain';
const CASES = [
  ['reset-new', 'wrong-parent'], ['reset-new', 'missing-child'],
  ['reset-coll', 'wrong-parent'], ['reset-coll', 'missing-child'], ['reset-coll', 'coll-missing'],
  ['late-new', 'wrong-parent'], ['late-new', 'duplicate-child'],
  ['late-coll', 'wrong-parent'], ['late-coll', 'duplicate-child'], ['late-coll', 'coll-missing'], ['late-coll', 'coll-other-instance'],
  ['m2m-new', 'wrong-company'], ['m2m-new', 'missing-employee'],
  ['m2m-coll', 'wrong-company'], ['m2m-coll', 'missing-employee'], ['m2m-coll', 'coll-missing'],
  ['destroy', 'undestroyed'], ['remove', 'not-removed'],
  ['tojson', 'json-parent'], ['tojson', 'json-missing'],
];
const N = '1000';
let bad = 0;

function run(workload, sabotage) {
  const env = Object.assign({}, process.env);
  if (sabotage) env.BENCH_SABOTAGE = sabotage;
  else delete env.BENCH_SABOTAGE;
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'worker.js'), lib, workload, N, '--reps', '1', '--warmup', '100'], { encoding: 'utf8', env });
  const line = (r.stdout || '').split('\n').find((l) => l.startsWith('BENCH_RESULT ')) || 'BENCH_RESULT {}';
  return { status: r.status, result: JSON.parse(line.slice(13)) };
}

for (const workload of Array.from(new Set(CASES.map((c) => c[0])))) {
  const { status, result } = run(workload, null);
  const good = status === 0 && result.verified === true;
  if (!good) bad++;
  console.log(`${good ? 'ok  ' : 'FAIL'} ${lib} ${workload}: correct result accepted${good ? '' : ` (status ${status}: ${result.error})`}`);
}
for (const [workload, sabotage] of CASES) {
  const { status, result } = run(workload, sabotage);
  const good = status === 2 && result.verification === true;
  if (!good) bad++;
  const first = (result.error || '').split('\n').slice(0, 2).join(' / ');
  console.log(`${good ? 'ok  ' : 'FAIL'} ${lib} ${workload} + ${sabotage}: ${good ? 'rejected: ' + first : `not rejected (status ${status})`}`);
}
console.log(`${CASES.length + new Set(CASES.map((c) => c[0])).size - bad} passed, ${bad} failed`);
process.exitCode = bad ? 1 : 0;
