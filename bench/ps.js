// Benchmark: listing a stack's containers, `parity ps` against its peer `docker-compose ps`,
// both measured in this run on the same engine and the same examples/shop stack. Runs are
// interleaved so machine noise hits both alike; the medians' ratio is the result.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const shop = `${root}examples/shop`;

const contenders = [
  { name: 'parity ps', command: process.execPath, args: [`${root}bin/parity.js`, 'ps'] },
  {
    name: 'docker-compose ps',
    command: 'docker-compose',
    args: ['--project-directory', shop, '-f', `${shop}/compose.yaml`, '-p', 'shop', 'ps'],
  },
];

function timeOnce({ name, command, args }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${name} failed (${result.status}): ${result.stderr || result.error}`);
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const samples = new Map(contenders.map((c) => [c.name, []]));
for (const contender of contenders) timeOnce(contender); // warm the page cache
for (let run = 0; run < RUNS; run++) {
  for (const contender of contenders) samples.get(contender.name).push(timeOnce(contender));
}

const [parity, peer] = contenders.map((c) => median(samples.get(c.name)));
console.log(`list containers, median of ${RUNS} interleaved runs each:`);
console.log(`  parity ps          ${parity.toFixed(0)} ms`);
console.log(`  docker-compose ps  ${peer.toFixed(0)} ms`);
console.log(`  ratio: parity takes ${(parity / peer).toFixed(2)}x the time of docker-compose`);
