// Benchmark: the stack engine in-process against the physical limit, on the same engine in
// one run (run with `node node_modules/.bin/jiti bench/engine-limits.ts`; `npm run bench`
// does). Rounds alternate between Parity and the limit; each figure is a median.
//   cold up    up() of 10 independent services vs creating and starting the very same
//              containers (Parity's own create requests) all at once straight through the API
//   chain      up() of 3 services each waiting for the previous one to be healthy vs the same
//              containers created at once, then each started and probed healthy in turn (the last
//              only started: up() does not wait for its health either)
//   no-op up   up() of the 10 services when they all run already (target: <= 20 ms)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { loadProject, type LoadedProject } from '../src/main/config/load-project';
import { containerSpec } from '../src/main/engine/container-spec';
import { DockerEngine } from '../src/main/engine/docker-engine';
import { down } from '../src/main/engine/down';
import { up } from '../src/main/engine/up';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const docker = new Docker();
const engine = DockerEngine.fromEnvironment();

function project(name: string, yaml: string): LoadedProject {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-bench-')), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), yaml);
  const loaded = loadProject({ dir, env: {} }).project;
  if (!loaded) throw new Error(`cannot read the ${name} bench project`);
  return loaded;
}

const service = (extra = ''): string =>
  `    image: busybox:1.37\n    command: [sleep, "3600"]\n    init: true\n${extra}`;
const health = '    healthcheck: { test: [CMD, "true"], interval: 1s, timeout: 1s, retries: 3 }\n';
const wide = project(
  'benchwide',
  'services:\n' + Array.from({ length: 10 }, (_, i) => `  s${i}:\n${service()}`).join(''),
);
const chain = project(
  'benchchain',
  'services:\n' +
    `  c0:\n${service(health)}` +
    `  c1:\n${service(health)}    depends_on: { c0: { condition: service_healthy } }\n` +
    `  c2:\n${service(health)}    depends_on: { c1: { condition: service_healthy } }\n`,
);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function clean(loaded: LoadedProject): Promise<void> {
  await down(engine, loaded.name, { timeoutSeconds: 0 });
}

// The limit: the project network, then every container created and started at once.
async function rawColdUp(loaded: LoadedProject): Promise<void> {
  await engine.ensureNetwork(
    { name: `${loaded.name}_default`, external: false },
    loaded.name,
    'default',
  );
  await Promise.all(
    Object.values(loaded.model.services).map(async (svc) => {
      const container = await docker.createContainer(containerSpec(loaded, svc, 1));
      await container.start();
    }),
  );
}

// The limit of a health-gated chain: every container created at once, then each one started
// and probed healthy once, strictly one after the other: Σ(start + first probe), the last one
// only started (nothing waits on its health).
async function rawChain(loaded: LoadedProject): Promise<void> {
  await engine.ensureNetwork(
    { name: `${loaded.name}_default`, external: false },
    loaded.name,
    'default',
  );
  const containers = await Promise.all(
    Object.values(loaded.model.services).map((svc) =>
      docker.createContainer(containerSpec(loaded, svc, 1)),
    ),
  );
  // One event subscription for the whole run, opened before anything starts, as up() does.
  const events = (await docker.getEvents({
    filters: { type: ['container'], event: ['health_status'] },
  })) as NodeJS.ReadableStream & { destroy(): void };
  const healthy = new Set<string>();
  const waiting = new Map<string, () => void>();
  events.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const event = JSON.parse(line) as { id?: string; status?: string };
      if (!event.id || event.status !== 'health_status: healthy') continue;
      healthy.add(event.id);
      waiting.get(event.id)?.();
    }
  });
  for (const [i, container] of containers.entries()) {
    await container.start();
    // up() returns once the last service has started, as `docker compose up -d` does: only
    // what something depends on is waited for.
    if (i === containers.length - 1) break;
    if (!healthy.has(container.id)) {
      await new Promise<void>((resolve) => waiting.set(container.id, resolve));
    }
  }
  events.destroy();
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const samples: Record<string, number[]> = {};
const record = (name: string, ms: number): number => (samples[name] ??= []).push(ms);

for (let round = 0; round < ROUNDS; round++) {
  await clean(wide);
  record('parity/cold up', await timed(() => up(engine, wide)));
  record('parity/no-op up', await timed(() => up(engine, wide)));
  await clean(wide);
  record('limit/cold up', await timed(() => rawColdUp(wide)));
  await clean(wide);

  await clean(chain);
  record('parity/chain', await timed(() => up(engine, chain)));
  await clean(chain);
  record('limit/chain', await timed(() => rawChain(chain)));
  await clean(chain);
}

console.log(`engine in-process, median of ${ROUNDS} alternating rounds (ms):`);
console.log('  case        parity    limit   ratio');
for (const name of ['cold up', 'chain']) {
  const parity = median(samples[`parity/${name}`] ?? []);
  const limit = median(samples[`limit/${name}`] ?? []);
  console.log(
    `  ${name.padEnd(10)} ${parity.toFixed(0).padStart(7)} ${limit.toFixed(0).padStart(8)}   ${(parity / limit).toFixed(2)}x`,
  );
}
console.log(
  `  no-op up   ${median(samples['parity/no-op up'] ?? [])
    .toFixed(1)
    .padStart(7)} ms (target <= 20 ms)`,
);
