import { describe, expect, it } from 'vitest';
import { applySgr, markRanges, paletteColor, parseAnsi, stripAnsi } from './ansi';

const ESC = '\u001b';

describe('parseAnsi', () => {
  it('leaves text without escapes as one unstyled segment', () => {
    expect(parseAnsi('plain text')).toEqual([{ text: 'plain text', style: null }]);
  });

  it('applies the basic, bright and reset colour codes', () => {
    expect(parseAnsi(`a${ESC}[31mred${ESC}[39m b${ESC}[92;104mgreen${ESC}[0m c`)).toEqual([
      { text: 'a', style: null },
      { text: 'red', style: { fg: { palette: 1 } } },
      { text: ' b', style: null },
      { text: 'green', style: { fg: { palette: 10 }, bg: { palette: 12 } } },
      { text: ' c', style: null },
    ]);
    expect(parseAnsi(`${ESC}[44mx${ESC}[49my`)).toEqual([
      { text: 'x', style: { bg: { palette: 4 } } },
      { text: 'y', style: null },
    ]);
  });

  it('reads 256-colour and 24-bit colours, in the ; and : forms', () => {
    expect(parseAnsi(`${ESC}[38;5;208mo${ESC}[48;2;1;2;3mp`)).toEqual([
      { text: 'o', style: { fg: { palette: 208 } } },
      { text: 'p', style: { fg: { palette: 208 }, bg: { rgb: [1, 2, 3] } } },
    ]);
    expect(parseAnsi(`${ESC}[38:2::10:20:30mq`)).toEqual([
      { text: 'q', style: { fg: { rgb: [10, 20, 30] } } },
    ]);
    // A colour out of range is ignored, the codes after it still apply.
    expect(parseAnsi(`${ESC}[38;5;300;1mr`)).toEqual([{ text: 'r', style: { bold: true } }]);
  });

  it('sets and clears attributes: 1/2 and 22, 3/23, 4/24, 7/27, 8/28, 9/29', () => {
    let style = applySgr({}, '1;2;3;4;7;8;9');
    expect(style).toEqual({
      bold: true,
      dim: true,
      italic: true,
      underline: true,
      inverse: true,
      hidden: true,
      strike: true,
    });
    style = applySgr(style, '22;23;24');
    expect(style).toEqual({ inverse: true, hidden: true, strike: true });
    expect(applySgr(style, '27;28;29')).toEqual({});
    expect(applySgr({ bold: true, fg: { palette: 1 } }, '')).toEqual({});
    expect(applySgr({ bold: true }, '5;25;26')).toEqual({ bold: true });
  });

  it('drops every other escape sequence: cursor moves, erase, OSC titles, private modes', () => {
    const text = `${ESC}[2K${ESC}[1Gstart ${ESC}]0;title${ESC}\\mid ${ESC}]8;;http://x\u0007link ${ESC}[?25l${ESC}[>4;2m${ESC}(Bend${ESC}`;
    expect(parseAnsi(text)).toEqual([{ text: 'start mid link end', style: null }]);
    expect(stripAnsi(text)).toBe('start mid link end');
  });

  it('strips to the same text the segments join to', () => {
    const text = `${ESC}[1;33mWARN${ESC}[0m disk ${ESC}[38;5;9m90%${ESC}[m full`;
    expect(stripAnsi(text)).toBe('WARN disk 90% full');
    expect(
      parseAnsi(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(stripAnsi(text));
  });
});

describe('markRanges', () => {
  it('cuts styled segments at match edges, across colour changes', () => {
    const segments = parseAnsi(`ab${ESC}[31mcd${ESC}[0mef`);
    expect(markRanges(segments, [[1, 5]])).toEqual([
      { text: 'a', style: null, mark: false },
      { text: 'b', style: null, mark: true },
      { text: 'cd', style: { fg: { palette: 1 } }, mark: true },
      { text: 'e', style: null, mark: true },
      { text: 'f', style: null, mark: false },
    ]);
  });

  it('marks several matches in one segment', () => {
    expect(
      markRanges(
        [{ text: 'xaxa', style: null }],
        [
          [1, 2],
          [3, 4],
        ],
      ).map((s) => s.mark),
    ).toEqual([false, true, false, true]);
  });
});

describe('paletteColor', () => {
  it('maps the 6x6x6 cube and the grey ramp as xterm does', () => {
    expect(paletteColor(16)).toBe('rgb(0, 0, 0)');
    expect(paletteColor(196)).toBe('rgb(255, 0, 0)');
    expect(paletteColor(208)).toBe('rgb(255, 135, 0)');
    expect(paletteColor(232)).toBe('rgb(8, 8, 8)');
    expect(paletteColor(255)).toBe('rgb(238, 238, 238)');
  });
});
