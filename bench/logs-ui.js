// Benchmark: a log flood through the Logs tab, against the engine's own reader, in one run.
// A container prints 1,000,000 numbered lines (busybox seq). Measured:
//   (a) the engine's read rate: `docker logs -t` reading that container's finished log to its
//       end, with the timestamps Parity asks for too (and, for reference, without them)
//   (a') the same live: `docker logs -f -t` attached as an identical container starts
//   (b) Parity: `parity serve` with the project, its Logs tab open in Chromium (playwright-core)
//       and following, the container started; the time until the page has appended the last
//       line (the log's read-only data-lines-received counter reaches the count).
//   (c) where that time goes: the same `parity serve` streaming an identical container to a
//       bare WebSocket client that only counts lines (the transport alone, no page).
//   (d) the same server reading the finished log of (a) to that client (tail of every line):
//       Parity's read rate where nothing waits on the container printing, beside (a)'s.
// A live stream cannot outrun the container printing it, so (b) is compared both with (a) and
// with (a'), the engine's own live reader.
// Printed: the rates, the ratios b/a, b/a' and d/a, and the page's JS heap before and after (the
// view holds a bounded ring of logRingSize lines, 10,000 by default, however many arrive).
// Run after `npm run build`: node bench/logs-ui.js   (BENCH_LINES changes the count)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const IMAGE = 'busybox:1.37';
const CHROMIUM = process.env.PARITY_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const parityBin = join(root, 'bin/parity.js');

function docker(args) {
  const result = spawnSync('docker', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Runs `docker logs ARGS`, counting the lines it prints; resolves to [ms, lines]. */
function timedDockerLogs(args, start = process.hrtime.bigint()) {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['logs', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`docker logs exited with ${code}`));
      else resolve([ms, lines]);
    });
  });
}

function startServe(env, project) {
  const child = spawn(process.execPath, [parityBin, 'serve', '--port', '0', project], { env });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1], child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => reject(new Error(`parity serve exited (${code}): ${output}`)));
  });
}

/**
 * Subscribes to the project's log over parity serve's WebSocket, as the page does, and resolves
 * to the ms until `count` of the container's lines have arrived: from when it starts the
 * container (`tail` 0), or, with `tail`, from the request for a finished log's last lines.
 */
async function timedWebSocket(serveUrl, project, container, count, tail = 0) {
  const url = new URL(serveUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const ws = new WebSocket(`ws://${url.host}/api`, ['parity.v1', `parity-token.${token}`]);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let lines = 0;
  let subscribed;
  const arrived = new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.id === 1) subscribed(frame.reply);
      if (frame.packed === 'logs.batch') {
        // Packed (src/shared/api/wire-events.ts): [source, timestamp, text] per line.
        const { sources, lines: packed } = frame.payload;
        for (let i = 0; i < packed.length; i += 3) {
          const source = packed[i] < 0 ? -1 - packed[i] : packed[i];
          if (sources[source][1] === container) lines++;
        }
      } else if (frame.event === 'logs.batch') {
        for (const line of frame.payload.lines) if (line.container === container) lines++;
      }
      if (lines >= count) resolve();
    });
  });
  const start = process.hrtime.bigint();
  const reply = await new Promise((resolve) => {
    subscribed = resolve;
    ws.send(JSON.stringify({ id: 1, method: 'logs.subscribe', params: { project, tail } }));
  });
  if (!reply.result) throw new Error(`logs.subscribe: ${JSON.stringify(reply)}`);
  if (tail === 0) docker(['start', container]);
  await arrived;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  ws.close();
  return ms;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (ms) => Math.round(LINES / (ms / 1000));

if (!existsSync(join(root, 'out/renderer/index.html'))) {
  throw new Error('No built renderer: run npm run build first');
}
if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM} (set PARITY_CHROMIUM)`);
docker(['image', 'inspect', IMAGE]);

const name = `parity-bench-logs-${randomBytes(4).toString('hex')}`;
const work = mkdtempSync(join(tmpdir(), 'parity-bench-logs-'));
const dir = join(work, name);
mkdirSync(dir);
writeFileSync(
  join(dir, 'compose.yaml'),
  `services:\n  counter:\n    image: ${IMAGE}\n    command: [seq, "1", "${LINES}"]\n`,
);
const labels = (project, number = '1') =>
  ['project', 'service', 'container-number', 'oneoff'].flatMap((key, i) => [
    '--label',
    `com.docker.compose.${key}=${[project, 'counter', number, 'False'][i]}`,
  ]);
const counter = `${name}-counter-1`;
const second = `${name}-counter-2`;
const peer = `${name}-peer-1`;
const env = { ...process.env, PARITY_SETTINGS: join(work, 'settings.json') };
let serve;
let browser;

try {
  // (b) Parity: the Logs tab open and following before the container starts.
  docker(['create', '--name', counter, ...labels(name), IMAGE, 'seq', '1', String(LINES)]);
  serve = await startServe(env, dir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(serve.url);
  await page.getByRole('tab', { name: 'Logs' }).click();
  const log = page.getByRole('log', { name: `Log of ${name}` });
  await log.waitFor();
  // The page's subscription is open once its (empty) tail has been asked for.
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapBefore = await cdp.send('Runtime.getHeapUsage');

  const start = process.hrtime.bigint();
  docker(['start', counter]);
  await page.waitForFunction(
    // Runs in the page.
    // eslint-disable-next-line no-undef
    (count) => Number(document.querySelector('[role=log]')?.dataset.linesReceived) >= count,
    LINES,
    { polling: 20, timeout: 600_000 },
  );
  const parityMs = Number(process.hrtime.bigint() - start) / 1e6;
  const heapAfter = await cdp.send('Runtime.getHeapUsage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heapKept = await cdp.send('Runtime.getHeapUsage');
  const held = Number(await log.getAttribute('data-lines-held'));
  const received = Number(await log.getAttribute('data-lines-received'));
  await page.waitForTimeout(200);
  const lastRow = (await log.locator('.log-row').last().textContent()) ?? '';
  if (!lastRow.endsWith(` ${LINES}`) && !lastRow.endsWith(String(LINES))) {
    throw new Error(`the last line shown is "${lastRow}", not ${LINES}`);
  }
  await page.screenshot({ path: join(root, 'test-results/bench-logs-ui.png') });
  await browser.close();
  browser = undefined;

  // (c) the same server, an identical container, a bare WebSocket client.
  docker(['create', '--name', second, ...labels(name, '2'), IMAGE, 'seq', '1', String(LINES)]);
  const socketMs = await timedWebSocket(serve.url, dir, second, LINES);

  // (a) the engine reading the same, finished log.
  docker(['wait', counter]);
  // With -t: Parity asks for every line's timestamp (it merges containers in time order and
  // resumes a broken stream after the last line), which costs the engine a third more.
  const [engineMs, engineLines] = await timedDockerLogs(['-t', counter]);
  if (engineLines !== LINES) throw new Error(`docker logs printed ${engineLines} lines`);
  const [plainMs] = await timedDockerLogs([counter]);

  // (d) the same server reading that finished log to a bare WebSocket client.
  const finishedMs = await timedWebSocket(serve.url, dir, counter, LINES, LINES);

  // (a') the engine following an identical container from its start.
  docker(['create', '--name', peer, IMAGE, 'seq', '1', String(LINES)]);
  const peerStart = process.hrtime.bigint();
  docker(['start', peer]);
  const [liveMs, liveLines] = await timedDockerLogs(['-f', '-t', peer], peerStart);
  if (liveLines !== LINES) throw new Error(`docker logs -f printed ${liveLines} lines`);

  const rows = [
    ['docker logs -t (finished log)', engineMs],
    ['  without timestamps', plainMs],
    ['docker logs -f -t (from start)', liveMs],
    ['Parity Logs tab (from start)', parityMs],
    ['  its server, no page', socketMs],
    ['  its server, finished log', finishedMs],
  ];
  console.log(`Log flood: ${LINES.toLocaleString('en')} lines, one container`);
  for (const [label, ms] of rows) {
    console.log(
      `  ${label.padEnd(30)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${rate(ms).toLocaleString('en').padStart(10)} lines/s`,
    );
  }
  const ratio = (peerMs, ms) => `${(peerMs / ms).toFixed(2)}x`;
  console.log(`  ratio Parity / docker logs -t             ${ratio(engineMs, parityMs)}`);
  console.log(`  ratio Parity / docker logs (no -t)        ${ratio(plainMs, parityMs)}`);
  console.log(`  ratio Parity / docker logs -f -t          ${ratio(liveMs, parityMs)}`);
  console.log(`  ratio server / docker logs -t, finished   ${ratio(engineMs, finishedMs)}`);
  console.log(
    `  page: ${received.toLocaleString('en')} received, ${held.toLocaleString('en')} held; ` +
      `JS heap ${mb(heapBefore.usedSize)} before, ${mb(heapAfter.usedSize)} at the end, ` +
      `${mb(heapKept.usedSize)} after GC`,
  );
} finally {
  await browser?.close().catch(() => undefined);
  serve?.child.kill('SIGTERM');
  spawnSync('docker', ['rm', '-f', counter, second, peer], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
