import { describe, expect, it } from 'vitest';
import {
  buildTracker,
  pullTracker,
  type StreamEvent,
  type StreamProgress,
} from '../../../src/main/engine/stream-progress';

// The engine's pull stream as docker 20.10 writes it for an image of two layers, one of them
// already on this machine (no registry is reachable from the test machines, so the stream
// cannot be produced on demand: it is replayed).
const layer = (id: string, status: string, current?: number, total?: number): StreamEvent => ({
  id,
  status,
  ...(current === undefined ? {} : { progressDetail: { current, ...(total ? { total } : {}) } }),
});
const PULL: StreamEvent[] = [
  { id: '16', status: 'Pulling from library/postgres' },
  layer('aaa', 'Already exists'),
  layer('bbb', 'Pulling fs layer'),
  layer('ccc', 'Pulling fs layer'),
  layer('bbb', 'Downloading', 1_000_000, 4_000_000),
  layer('ccc', 'Downloading', 500_000, 1_000_000),
  layer('bbb', 'Downloading', 4_000_000, 4_000_000),
  layer('bbb', 'Download complete'),
  layer('ccc', 'Download complete'),
  layer('bbb', 'Extracting', 2_000_000, 4_000_000),
  layer('bbb', 'Pull complete'),
  layer('ccc', 'Extracting', 1_000_000, 1_000_000),
  layer('ccc', 'Pull complete'),
  { status: 'Digest: sha256:0123' },
  { status: 'Status: Downloaded newer image for postgres:16' },
];

/** Replays events with the clock moving `stepMs` between them. */
function replay(events: StreamEvent[], stepMs: number): StreamProgress[] {
  let clock = 0;
  const track = pullTracker(() => (clock += stepMs));
  return events.map(track).filter((p): p is StreamProgress => p !== null);
}

describe('pullTracker', () => {
  it('sums every layer to fetch into one fraction that only grows, to 1', () => {
    const fractions = replay(PULL, 1000).flatMap((p) => p.fraction ?? []);
    expect(fractions.length).toBeGreaterThan(5);
    for (let i = 1; i < fractions.length; i++) {
      expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] ?? 0);
    }
    expect(fractions.at(-1)).toBe(1);
  });

  it('counts bytes downloaded and extracted, layers on this machine left out', () => {
    const shown = replay(PULL.slice(0, 6), 1000).at(-1);
    // 1.5 MB of 5 MB downloaded, nothing extracted: 1.5 / (2 × 5).
    expect(shown).toEqual({
      text: 'Downloading: 0/2 layers, 1.5 MB of 5.0 MB',
      fraction: 0.15,
    });
    expect(replay(PULL, 1000).find((p) => p.text.startsWith('Pull complete'))?.text).toBe(
      'Pull complete: 1/2 layers, 5.0 MB of 5.0 MB',
    );
  });

  it('shows byte counts at most ten times a second, layer changes always', () => {
    const fast = replay(PULL, 1);
    const texts = fast.map((p) => p.text);
    expect(texts.filter((t) => t.startsWith('Downloading'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Pull complete'))).toHaveLength(2);
    expect(texts.at(-1)).toBe('Status: Downloaded newer image for postgres:16');
  });
});

describe('buildTracker', () => {
  it("follows the classic builder's steps to 1 and keeps every output line", () => {
    const track = buildTracker();
    const shown = [
      { stream: 'Step 1/4 : FROM busybox:1.37\n' },
      { stream: ' ---> 3f57d9401f8d\n' },
      { stream: 'Step 2/4 : COPY . /app\n' },
      { stream: '\n' },
      { stream: 'Step 4/4 : CMD ["httpd"]\n' },
      { stream: 'Successfully built 5e1c2b3a4d6f\n' },
    ].map(track);
    expect(shown.map((p) => p?.fraction)).toEqual([0, 0, 0.25, undefined, 0.75, 1]);
    expect(shown[1]?.text).toBe(' ---> 3f57d9401f8d');
    expect(shown[3]).toBeNull();
  });
});
