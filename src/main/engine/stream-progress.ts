import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
/** One message of the engine's pull or build stream (the JSON lines of /images/create, /build). */
export interface StreamEvent {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  error?: string;
}

/** What a pull or build has done so far, as the user is shown it. */
export interface StreamProgress {
  text: string;
  /** How far it is, 0 to 1, when the stream says. */
  fraction?: number;
}

/** Turns a stream's events into progress, or null for an event not worth showing. */
export type StreamTracker = (event: StreamEvent) => StreamProgress | null;

interface Layer {
  total: number;
  downloaded: number;
  extracted: number;
  done: boolean;
}

// A pull says "Downloading" and "Extracting" many times a second per layer; the user needs a
// few updates a second, and every update crosses to the UI.
const BYTE_UPDATES_EVERY_MS = 100;

/**
 * Progress of `docker pull` summed over its layers: bytes downloaded and extracted of every
 * layer whose size is known, so one bar covers the whole image (layers already on this
 * machine are not counted). Layer state changes are shown at once, byte counts at most ten
 * times a second.
 */
export function pullTracker(now: () => number = Date.now): StreamTracker {
  const layers = new Map<string, Layer>();
  let lastBytesAt = -Infinity;
  return (event) => {
    const status = event.status ?? '';
    const id = event.id;
    const isLayer = id !== undefined && !status.startsWith('Pulling from');
    if (!isLayer) return status ? { text: status, ...fractionOf(layers) } : null;

    const layer = layers.get(id) ?? { total: 0, downloaded: 0, extracted: 0, done: false };
    layers.set(id, layer);
    const { current = 0, total = 0 } = event.progressDetail ?? {};
    if (status === 'Already exists') {
      // Nothing to fetch: not part of what the bar measures.
      layers.delete(id);
    } else if (status === 'Downloading') {
      layer.total = Math.max(layer.total, total);
      layer.downloaded = current;
    } else if (status === 'Download complete' || status === 'Verifying Checksum') {
      layer.downloaded = layer.total;
    } else if (status === 'Extracting') {
      layer.total = Math.max(layer.total, total);
      layer.downloaded = layer.total;
      layer.extracted = current;
    } else if (status === 'Pull complete') {
      layer.downloaded = layer.extracted = layer.total;
      layer.done = true;
    }
    const bytesOnly = status === 'Downloading' || status === 'Extracting';
    if (bytesOnly) {
      if (now() - lastBytesAt < BYTE_UPDATES_EVERY_MS) return null;
      lastBytesAt = now();
    }
    return { text: summary(layers, status), ...fractionOf(layers) };
  };
}

function fractionOf(layers: Map<string, Layer>): { fraction?: number } {
  let total = 0;
  let moved = 0;
  for (const layer of layers.values()) {
    total += layer.total;
    moved += layer.downloaded + layer.extracted;
  }
  // Each byte is counted twice: once downloaded, once extracted.
  return total > 0 ? { fraction: Math.min(1, moved / (2 * total)) } : {};
}

function summary(layers: Map<string, Layer>, status: string): string {
  const all = [...layers.values()];
  const done = all.filter((l) => l.done).length;
  const total = all.reduce((sum, l) => sum + l.total, 0);
  const downloaded = all.reduce((sum, l) => sum + l.downloaded, 0);
  const bytes = total > 0 ? `, ${megabytes(downloaded)} of ${megabytes(total)}` : '';
  return `${status}: ${done}/${all.length} layers${bytes}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Progress of a build: its output lines, and how far it is from the classic builder's
 * "Step N/M" lines (step N under way is (N-1)/M done).
 */
export function buildTracker(): StreamTracker {
  let fraction: number | undefined;
  return (event) => {
    const text = (event.stream ?? event.status ?? '').trimEnd();
    if (!text) return null;
    const step = /^Step (\d+)\/(\d+) :/.exec(text);
    if (step) fraction = (Number(step[1]) - 1) / Number(step[2]);
    if (/^Successfully built /.test(text)) fraction = 1;
    return { text, ...(fraction === undefined ? {} : { fraction }) };
  };
}

/**
 * Follows a pull or build stream to its end, reporting progress; rejects with the engine's error
 * (a failed step, a missing image) as well as with a broken stream.
 */
export function followProgress(
  modem: Docker['modem'],
  stream: Readable,
  track: StreamTracker,
  onProgress: (progress: StreamProgress) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: string | null = null;
    modem.followProgress(
      stream,
      (error: Error | null) => {
        if (error) reject(error);
        else if (failure !== null) reject(new Error(failure));
        else resolve();
      },
      (event: StreamEvent) => {
        if (event.error) {
          failure = event.error.trim();
          return;
        }
        const progress = track(event);
        if (progress) onProgress(progress);
      },
    );
  });
}
