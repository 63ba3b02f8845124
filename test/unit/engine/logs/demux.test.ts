import { describe, expect, it } from 'vitest';
import type { LogStream } from '../../../../src/shared/logs';
import { LogDemuxer } from '../../../../src/main/engine/logs/demux';
import { frame } from './frames';

function collect(): { frames: [LogStream, string][]; demuxer: LogDemuxer } {
  const frames: [LogStream, string][] = [];
  return {
    frames,
    demuxer: new LogDemuxer((stream, payload) => frames.push([stream, payload.toString()])),
  };
}

const body = Buffer.concat([
  frame(1, 'out one\n'),
  frame(2, 'err one\n'),
  frame(1, ''),
  frame(1, 'héllo wörld\n'),
  frame(2, 'x'.repeat(300)),
]);
const expected: [LogStream, string][] = [
  ['stdout', 'out one\n'],
  ['stderr', 'err one\n'],
  ['stdout', 'héllo wörld\n'],
  ['stderr', 'x'.repeat(300)],
];

describe('LogDemuxer', () => {
  it('splits several frames in one chunk, skipping empty frames', () => {
    const { frames, demuxer } = collect();
    demuxer.push(body);
    expect(frames).toEqual(expected);
  });

  it('gives the same frames whatever byte the stream is cut at', () => {
    for (let cut = 0; cut <= body.length; cut++) {
      const { frames, demuxer } = collect();
      demuxer.push(body.subarray(0, cut));
      demuxer.push(body.subarray(cut));
      expect(frames, `cut at ${cut}`).toEqual(expected);
    }
  });

  it('gives the same frames when fed one byte at a time', () => {
    const { frames, demuxer } = collect();
    for (let i = 0; i < body.length; i++) demuxer.push(body.subarray(i, i + 1));
    expect(frames).toEqual(expected);
  });

  it('delivers a frame cut short by the end of the stream', () => {
    const { frames, demuxer } = collect();
    demuxer.push(frame(1, 'complete').subarray(0, 12));
    expect(frames).toEqual([]);
    demuxer.end();
    expect(frames).toEqual([['stdout', 'comp']]);
  });

  it('counts stdin (type 0) as stdout', () => {
    const { frames, demuxer } = collect();
    demuxer.push(frame(0, 'echoed'));
    expect(frames).toEqual([['stdout', 'echoed']]);
  });

  it('passes a stream that is not multiplexed through as stdout', () => {
    const { frames, demuxer } = collect();
    demuxer.push(Buffer.from('plain text, no hea'));
    demuxer.push(Buffer.from('ders\n'));
    expect(frames.map(([stream]) => stream)).toEqual(['stdout', 'stdout']);
    expect(frames.map(([, text]) => text).join('')).toBe('plain text, no headers\n');
  });
});
