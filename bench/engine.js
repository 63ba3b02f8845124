// Benchmark: the stack engine as whole CLI processes, Parity against docker-compose, on the
// same compose files and the same engine in one run. Rounds alternate between the two tools
// so machine noise hits both alike; each figure is a median, each result a ratio.
//   cold up   10 independent services, nothing running
//   no-op up  the same, everything already running
//   down      the same, default stop timeout (an init in each container stops it at once)
//   chain     3 services, each waiting for the previous one to be healthy (1 s interval)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const parityBin = fileURLToPath(new URL('../bin/parity.js', import.meta.url));

function stack(dir, yaml) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), yaml);
  return dir;
}

const root = mkdtempSync(join(tmpdir(), 'parity-bench-'));
const service = (extra = '') =>
  `    image: busybox:1.37\n    command: [sleep, "3600"]\n    init: true\n${extra}`;
const wide = stack(
  join(root, 'wide'),
  'services:\n' + Array.from({ length: 10 }, (_, i) => `  s${i}:\n${service()}`).join('') + '',
);
const health = '    healthcheck: { test: [CMD, "true"], interval: 1s, timeout: 1s, retries: 3 }\n';
const chain = stack(
  join(root, 'chain'),
  'services:\n' +
    `  c0:\n${service(health)}` +
    `  c1:\n${service(health)}    depends_on: { c0: { condition: service_healthy } }\n` +
    `  c2:\n${service(health)}    depends_on: { c1: { condition: service_healthy } }\n`,
);

const tools = {
  parity: (dir, project, args) => [
    process.execPath,
    [parityBin, ...args, '--project-directory', dir, '-p', project],
  ],
  'docker-compose': (dir, project, args) => [
    'docker-compose',
    ['--project-directory', dir, '-f', join(dir, 'compose.yaml'), '-p', project, ...args],
  ],
};

function timed(tool, dir, project, args) {
  const [command, argv] = tools[tool](dir, project, args);
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const samples = {};
const record = (tool, name, ms) => (samples[`${tool}/${name}`] ??= []).push(ms);
const upArgs = { parity: ['up', '-d'], 'docker-compose': ['up', '-d'] };
// Waiting for the chain is part of up for both: docker-compose 1.29 waits on service_healthy.
for (let round = 0; round < ROUNDS; round++) {
  for (const tool of Object.keys(tools)) {
    const project = `bench-${tool === 'parity' ? 'p' : 'c'}`;
    timed(tool, wide, project, ['down']);
    record(tool, 'cold up', timed(tool, wide, project, upArgs[tool]));
    record(tool, 'no-op up', timed(tool, wide, project, upArgs[tool]));
    record(tool, 'down', timed(tool, wide, project, ['down']));
    record(tool, 'chain up', timed(tool, chain, `${project}-chain`, upArgs[tool]));
    timed(tool, chain, `${project}-chain`, ['down']);
  }
}

console.log(`engine, median of ${ROUNDS} alternating rounds (ms):`);
console.log('  case        parity   docker-compose   ratio');
for (const name of ['cold up', 'no-op up', 'down', 'chain up']) {
  const parity = median(samples[`parity/${name}`]);
  const peer = median(samples[`docker-compose/${name}`]);
  console.log(
    `  ${name.padEnd(10)} ${parity.toFixed(0).padStart(7)} ${peer.toFixed(0).padStart(16)}   ${(parity / peer).toFixed(2)}x`,
  );
}
