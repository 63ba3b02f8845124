// Benchmark: a full drift report in-process against docker-compose reading the same compose
// file, measured in one run (run with `node node_modules/.bin/jiti bench/drift.ts`; `npm run
// bench` does).
//   parity     loadProject (compose.yaml + parity.yaml) + loadProduction (the Kubernetes
//              manifests) + diffModels + the summary: everything `parity drift` does but print
//   peer       `docker-compose -f compose.yaml config -q` (Debian's docker-compose 1.29), which
//              only reads and validates the dev side
// on a generated project of 200 services whose manifests (a Deployment, a Service and a
// ConfigMap each) differ from the compose file here and there. Each figure is a median; the
// phases of Parity's drift are shown, and beside them the time the yaml library alone takes to
// parse the same files, and js-yaml alone: Parity reads YAML with js-yaml's events where the
// tree is sure to be the yaml library's (src/main/config/yaml-fast.ts), so js-yaml is the floor
// of the reading and the yaml library what it would cost without. The load average is printed
// because on a shared machine it moves every figure.
// Target: Parity's drift under 100 ms.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FAILSAFE_SCHEMA, loadAll } from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';
import { summarizeDrift, type DriftSummary } from '../src/shared/drift-summary';
import { loadProject } from '../src/main/config/load-project';
import { diffModels } from '../src/main/drift/diff';
import { loadProduction } from '../src/main/drift/production';
import { productionReaders } from '../src/main/drift/readers';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PEER_ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? 5);
const TARGET_MS = 100;

const name = (i: number): string => `svc${String(i).padStart(3, '0')}`;

// Every 17th service runs only on the laptop; every 19th only in production (they stay in the
// manifests). The rest differ on a regular pattern: a tag, an env value, a replica count, a
// memory limit, a ConfigMap key the laptop lacks, a probe interval.
const devOnly = (i: number): boolean => i % 17 === 16;
const prodOnly = (i: number): boolean => i % 19 === 18;

function composeFile(): string {
  const lines = ['services:'];
  for (let i = 0; i < SERVICES; i++) {
    if (prodOnly(i)) continue;
    const s = name(i);
    lines.push(
      `  ${s}:`,
      `    image: registry.example.com/team/${s}:1.${i % 5}.0`,
      `    command: ["serve", "--port", "8080"]`,
      '    environment:',
      `      SERVICE_NAME: ${s}`,
      `      LOG_LEVEL: ${i % 7 === 0 ? 'debug' : 'info'}`,
      `      DATABASE_URL: postgres://${s}@db:5432/${s}`,
      `      UPSTREAM_URL: http://${name((i + 1) % SERVICES)}:8080`,
      `      FEATURE_FLAGS: a,b,c`,
      `      API_TOKEN: dev-token-${i}`,
      '    ports:',
      `      - "127.0.0.1:${20000 + i}:8080"`,
      '    healthcheck:',
      '      test: ["CMD", "wget", "-q", "-O", "-", "http://127.0.0.1:8080/health"]',
      `      interval: ${i % 11 === 0 ? '5s' : '10s'}`,
      '      timeout: 2s',
      '      retries: 3',
      '    deploy:',
      '      resources:',
      `        limits: { cpus: "0.5", memory: ${i % 13 === 0 ? '256M' : '128M'} }`,
      ...(i > 0 && !prodOnly(i - 1)
        ? ['    depends_on:', `      ${name(i - 1)}: { condition: service_started }`]
        : []),
      '    volumes:',
      `      - ${s}-data:/data`,
    );
  }
  lines.push('volumes:');
  for (let i = 0; i < SERVICES; i++) if (!prodOnly(i)) lines.push(`  ${name(i)}-data: {}`);
  return `${lines.join('\n')}\n`;
}

function manifests(i: number): string {
  const s = name(i);
  return `apiVersion: v1
kind: ConfigMap
metadata: { name: ${s}-config }
data:
  LOG_LEVEL: info
  DATABASE_URL: postgres://${s}@${i % 3 === 0 ? `${s}-db.prod.example.com` : 'db'}:5432/${s}
  FEATURE_FLAGS: a,b,c${i % 5 === 0 ? '\n  CACHE_URL: redis://cache:6379/0' : ''}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${s} }
spec:
  replicas: ${i % 4 === 0 ? 3 : 1}
  selector: { matchLabels: { app: ${s} } }
  template:
    metadata: { labels: { app: ${s} } }
    spec:
      containers:
        - name: ${s}
          image: registry.example.com/team/${s}:${i % 23 === 0 ? 2 : 1}.${i % 9 === 0 ? (i % 5) + 1 : i % 5}.0
          args: ["serve", "--port", "8080"]
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef: { name: ${s}-config }
          env:
            - name: SERVICE_NAME
              value: ${s}
            - name: UPSTREAM_URL
              value: http://${name((i + 1) % SERVICES)}:8080
            - name: API_TOKEN
              value: ${i % 6 === 0 ? `prod-token-${i}` : `dev-token-${i}`}
          readinessProbe:
            httpGet: { path: /health, port: 8080 }
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 500m, memory: 128Mi }
          volumeMounts:
            - { name: data, mountPath: /data }
      volumes:
        - name: data
          persistentVolumeClaim: { claimName: ${s}-data }
---
apiVersion: v1
kind: Service
metadata: { name: ${s} }
spec:
  selector: { app: ${s} }
  ports:
    - port: 80
      targetPort: 8080
`;
}

function generate(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-bench-drift-')), 'bench');
  mkdirSync(join(dir, 'deploy/k8s'), { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), composeFile());
  writeFileSync(
    join(dir, 'parity.yaml'),
    'name: bench\nproduction:\n  - kubernetes: deploy/k8s\ndrift:\n  ignore: ["*.env.LOG_LEVEL"]\n',
  );
  for (let i = 0; i < SERVICES; i++) {
    if (devOnly(i)) continue;
    writeFileSync(join(dir, 'deploy/k8s', `${name(i)}.yaml`), manifests(i));
  }
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Round {
  dev: number;
  prod: number;
  diff: number;
  total: number;
  summary: DriftSummary & { findings: number };
}

// One full drift, timed phase by phase.
function drift(dir: string): Round {
  const start = process.hrtime.bigint();
  const loaded = loadProject({ dir, profiles: ['*'], env: {} });
  const afterDev = process.hrtime.bigint();
  if (!loaded.project) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const project = loaded.project;
  const production = loadProduction(project, productionReaders);
  const afterProd = process.hrtime.bigint();
  if (!production.model) {
    throw new Error(production.diagnostics.map((d) => d.message).join('\n'));
  }
  const report = diffModels(project.model, production.model, {
    map: project.parity?.map ?? {},
    ...(project.parity?.drift ? { rules: project.parity.drift } : {}),
    secretKeys: production.secretKeys,
  });
  const summary = {
    ...summarizeDrift(report.findings, report.equivalent),
    findings: report.findings.length,
  };
  const end = process.hrtime.bigint();
  const ms = (from: bigint, to: bigint): number => Number(to - from) / 1e6;
  return {
    dev: ms(start, afterDev),
    prod: ms(afterDev, afterProd),
    diff: ms(afterProd, end),
    total: ms(start, end),
    summary,
  };
}

// What the YAML libraries cost alone: parsing the same files, and nothing else.
function yamlOnly(texts: readonly string[]): void {
  for (const text of texts) parseAllDocuments(text, { lineCounter: new LineCounter() });
}

function jsYamlOnly(texts: readonly string[]): void {
  for (const text of texts) loadAll(text, undefined, { schema: FAILSAFE_SCHEMA });
}

function peer(file: string): void {
  const run = spawnSync('docker-compose', ['-f', file, 'config', '-q'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`docker-compose config failed: ${run.stderr}`);
}

const dir = generate();
const file = join(dir, 'compose.yaml');
const k8s = join(dir, 'deploy/k8s');
const texts = [file, ...readdirSync(k8s).map((f) => join(k8s, f))].map((path) =>
  readFileSync(path, 'utf8'),
);
// Warm up: the first runs pay for compiling the code paths.
for (let i = 0; i < 3; i++) drift(dir);
const rounds: Round[] = [];
const yaml: number[] = [];
const jsYaml: number[] = [];
const compose: number[] = [];
// Interleaved, so that a busy moment on the machine weighs on both sides alike.
for (let i = 0; i < Math.max(ROUNDS, PEER_ROUNDS); i++) {
  if (i < ROUNDS) rounds.push(drift(dir));
  if (i < ROUNDS) yaml.push(timed(() => yamlOnly(texts)));
  if (i < ROUNDS) jsYaml.push(timed(() => jsYamlOnly(texts)));
  if (i < PEER_ROUNDS) compose.push(timed(() => peer(file)));
}
const at = (pick: (r: Round) => number): number => median(rounds.map(pick));
const p = at((r) => r.total);
const c = median(compose);
const result = rounds[0]?.summary;
const version = execFileSync('docker-compose', ['version', '--short'], {
  encoding: 'utf8',
}).trim();
const kib = texts.reduce((sum, text) => sum + text.length, 0) / 1024;
console.log(
  `drift of ${SERVICES} services, ${texts.length} files, ${kib.toFixed(0)} KiB (${result?.findings} findings: ${result?.errors} errors, ${result?.warnings} warnings, ${result?.info} info, ${result?.covered} covered; ${result?.devOnly} dev-only, ${result?.prodOnly} prod-only; ${result?.equivalent ?? 0} equivalent)`,
);
console.log(
  `  parity drift in-process (both sides + diff)  ${p.toFixed(1)} ms  (median of ${ROUNDS}; target < ${TARGET_MS} ms: ${p < TARGET_MS ? 'met' : 'MISSED'})`,
);
console.log(
  `    compose side ${at((r) => r.dev).toFixed(1)} ms, Kubernetes side ${at((r) => r.prod).toFixed(1)} ms, diff ${at((r) => r.diff).toFixed(1)} ms; parsing the same files alone: the yaml library ${median(yaml).toFixed(1)} ms, js-yaml ${median(jsYaml).toFixed(1)} ms`,
);
console.log(
  `  docker-compose ${version} config -q (dev side only)  ${c.toFixed(1)} ms  (median of ${PEER_ROUNDS})`,
);
console.log(
  `  ratio parity / docker-compose  ${(p / c).toFixed(3)}  (parity ${(c / p).toFixed(1)}x faster)`,
);
console.log(
  `  load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${cpus().length} CPUs`,
);
rmSync(dirname(dir), { recursive: true, force: true });
