import { describe, expect, it } from 'vitest';
import { LineSplitter, type SplitLine } from '../../../../src/main/engine/logs/line-splitter';
import { stamp } from './frames';

const NOW = '2030-01-01T00:00:00.000000000Z';

function splitter(maxLineBytes?: number): { lines: SplitLine[]; splitter: LineSplitter } {
  const lines: SplitLine[] = [];
  return {
    lines,
    splitter: new LineSplitter((line) => lines.push(line), {
      now: () => NOW,
      ...(maxLineBytes === undefined ? {} : { maxLineBytes }),
    }),
  };
}

const line = (n: number, text: string, truncated = false): SplitLine => ({
  timestamp: stamp(n),
  text,
  truncated,
});

describe('LineSplitter', () => {
  it('parses the timestamp prefix of each line and strips it', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from(`${stamp(1)} first\n${stamp(2)} second\n${stamp(3)} \n`));
    expect(lines).toEqual([line(1, 'first'), line(2, 'second'), line(3, '')]);
  });

  it('keeps a partial line until its end arrives, whatever byte a chunk ends at', () => {
    const text = `${stamp(1)} one ünïcode line\r\n${stamp(2)} two\n${stamp(3)} three, no end`;
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { lines, splitter: s } = splitter();
      s.push(bytes.subarray(0, cut));
      s.push(bytes.subarray(cut));
      expect(lines.length, `cut at ${cut}`).toBe(2);
      s.end();
      expect(lines, `cut at ${cut}`).toEqual([
        line(1, 'one ünïcode line'),
        line(2, 'two'),
        line(3, 'three, no end'),
      ]);
    }
  });

  it('joins a line the engine sent as several messages, under its first timestamp', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from(`${stamp(1)} a`), true);
    expect(lines).toEqual([]);
    s.push(Buffer.from(`${stamp(2)} b`), true);
    s.push(Buffer.from(`${stamp(3)} c\n`), true);
    s.push(Buffer.from(`${stamp(4)} d\n`), true);
    expect(lines).toEqual([line(1, 'abc'), line(4, 'd')]);
  });

  it('recognises a later message of a TTY stream by its exact engine timestamp', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from(`${stamp(1)} long `));
    s.push(Buffer.from(`${stamp(2)} line\r\n`));
    expect(lines).toEqual([line(1, 'long line')]);
  });

  it('strips one \\r of a \\r\\n ending only', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from(`${stamp(1)} progress\r50%\r\r\n${stamp(2)} bare\rcr\n`));
    expect(lines.map((l) => l.text)).toEqual(['progress\r50%\r', 'bare\rcr']);
  });

  it('takes a line without a prefix as it is, with the last timestamp seen', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from('no prefix at all\n'));
    s.push(Buffer.from(`${stamp(5)} stamped\n`));
    s.push(Buffer.from('1234 and a space\n'));
    expect(lines).toEqual([
      { timestamp: NOW, text: 'no prefix at all', truncated: false },
      line(5, 'stamped'),
      line(5, '1234 and a space'),
    ]);
  });

  it('normalizes a timestamp with an offset or fewer fraction digits to UTC nanoseconds', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from('2024-05-06T09:08:09.5+02:00 offset\n2024-05-06T07:08:09Z whole\n'));
    expect(lines.map((l) => l.timestamp)).toEqual([
      '2024-05-06T07:08:09.500000000Z',
      '2024-05-06T07:08:09.000000000Z',
    ]);
  });

  it('cuts a very long line at the cap and marks it truncated, keeping what follows', () => {
    const { lines, splitter: s } = splitter(10);
    s.push(Buffer.from(`${stamp(1)} 0123456`), true);
    s.push(Buffer.from(`${stamp(2)} 789abcdef`), true);
    s.push(Buffer.from(`${stamp(3)} ghij\n${stamp(4)} short\n`), true);
    expect(lines).toEqual([line(1, '0123456789', true), line(4, 'short')]);
  });

  it('cuts a long line between characters, not inside one', () => {
    const { lines, splitter: s } = splitter(5);
    s.push(Buffer.from(`${stamp(1)} aaéé\n`));
    expect(lines).toEqual([line(1, 'aaé', true)]);
  });

  it('delivers a line cut at the cap when the stream ends', () => {
    const { lines, splitter: s } = splitter(4);
    s.push(Buffer.from(`${stamp(1)} abcdefgh`));
    s.end();
    expect(lines).toEqual([line(1, 'abcd', true)]);
  });

  it('delivers nothing at the end when no partial line is kept', () => {
    const { lines, splitter: s } = splitter();
    s.push(Buffer.from(`${stamp(1)} done\n`));
    s.end();
    s.end();
    expect(lines).toEqual([line(1, 'done')]);
  });
});
