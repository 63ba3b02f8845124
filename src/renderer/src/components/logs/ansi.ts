// ANSI escape sequences in log lines: SGR colours and attributes become styled segments,
// every other escape sequence (cursor moves, OSC titles, erase-line) is dropped.

/** A colour an SGR code chose: one of the 256 palette entries, or a 24-bit one. */
export type AnsiColor = { palette: number } | { rgb: readonly [number, number, number] };

/** The attributes in effect for a run of text. */
export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  hidden?: boolean;
  strike?: boolean;
}

/** A run of text with one style; `style` is null when no attribute is set. */
export interface AnsiSegment {
  text: string;
  style: AnsiStyle | null;
}

const ESC = '\u001b';

// CSI (ESC [ params intermediates final), OSC (ESC ] ... BEL or ST, or cut short at the end of
// the line), any other two- or three-byte escape, and an ESC left alone at the end.
const ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b(?:\[([0-?]*)([ -/]*)([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~])?|\u009b[0-?]*[ -/]*[@-~]/g;

// Plain SGR parameters; private forms such as `ESC [ > 4 ; 2 m` are other commands.
const SGR = /^[\d;:]*$/;

/** Splits a line into styled segments, applying SGR codes and dropping other escapes. */
export function parseAnsi(text: string): AnsiSegment[] {
  if (!text.includes(ESC) && !text.includes('\u009b')) return [{ text, style: null }];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let from = 0;
  const emit = (to: number): void => {
    if (to <= from) return;
    const piece = text.slice(from, to);
    const shown = isPlain(style) ? null : { ...style };
    const last = segments.at(-1);
    // Escapes that change nothing (or are dropped) do not split the text.
    if (last && sameStyle(last.style, shown)) last.text += piece;
    else segments.push({ text: piece, style: shown });
  };
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(text); match; match = ESCAPE.exec(text)) {
    emit(match.index);
    from = match.index + match[0].length;
    const [, params, intermediates, final] = match;
    if (final === 'm' && intermediates === '' && params !== undefined && SGR.test(params)) {
      style = applySgr(style, params);
    }
  }
  emit(text.length);
  return segments;
}

/** The text of a line without any escape sequence: what search, copy and download use. */
export function stripAnsi(text: string): string {
  if (!text.includes(ESC) && !text.includes('\u009b')) return text;
  return text.replace(ESCAPE, '');
}

/** Applies one SGR parameter list (`1;31`, `38;5;208`, `38;2;255;0;0`, empty: reset). */
export function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  // Sub-parameters (`38:2::255:0:0`) are read like the `;` form, dropping the colour-space id.
  const codes = params === '' ? [0] : splitParams(params);
  let style: AnsiStyle = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 38 || code === 48) {
      const [color, used] = extendedColor(codes, i + 1);
      i += used;
      if (color) style[code === 38 ? 'fg' : 'bg'] = color;
      continue;
    }
    style = applyCode(style, code);
  }
  return style;
}

function splitParams(params: string): number[] {
  const codes: number[] = [];
  for (const part of params.split(';')) {
    const sub = part.split(':');
    // `38:2::r:g:b` carries an empty colour-space id before r.
    if (sub.length === 6 && sub[1] === '2') sub.splice(2, 1);
    for (const value of sub) codes.push(value === '' ? 0 : Number.parseInt(value, 10));
  }
  return codes;
}

// Reads `5;n` or `2;r;g;b` after a 38/48; returns the colour and how many codes it used.
function extendedColor(codes: number[], at: number): [AnsiColor | null, number] {
  const mode = codes[at];
  if (mode === 5) {
    const index = codes[at + 1];
    return [index !== undefined && index <= 255 ? { palette: index } : null, 2];
  }
  if (mode === 2) {
    const rgb = codes.slice(at + 1, at + 4);
    const valid = rgb.length === 3 && rgb.every((v) => v <= 255);
    return [valid ? { rgb: rgb as unknown as readonly [number, number, number] } : null, 4];
  }
  return [null, 0];
}

function applyCode(style: AnsiStyle, code: number): AnsiStyle {
  if (code >= 30 && code <= 37) return { ...style, fg: { palette: code - 30 } };
  if (code >= 90 && code <= 97) return { ...style, fg: { palette: code - 90 + 8 } };
  if (code >= 40 && code <= 47) return { ...style, bg: { palette: code - 40 } };
  if (code >= 100 && code <= 107) return { ...style, bg: { palette: code - 100 + 8 } };
  const next = { ...style };
  switch (code) {
    case 0:
      return {};
    case 1:
      next.bold = true;
      break;
    case 2:
      next.dim = true;
      break;
    case 3:
      next.italic = true;
      break;
    case 4:
      next.underline = true;
      break;
    case 7:
      next.inverse = true;
      break;
    case 8:
      next.hidden = true;
      break;
    case 9:
      next.strike = true;
      break;
    case 22:
      delete next.bold;
      delete next.dim;
      break;
    case 23:
      delete next.italic;
      break;
    case 24:
      delete next.underline;
      break;
    case 27:
      delete next.inverse;
      break;
    case 28:
      delete next.hidden;
      break;
    case 29:
      delete next.strike;
      break;
    case 39:
      delete next.fg;
      break;
    case 49:
      delete next.bg;
      break;
    default:
      // 5/6 (blink), 25, 26, fonts, frames: not shown in a log view.
      break;
  }
  return next;
}

function isPlain(style: AnsiStyle): boolean {
  return Object.keys(style).length === 0;
}

function sameStyle(a: AnsiStyle | null, b: AnsiStyle | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// xterm's 6x6x6 cube levels, for palette entries 16-231.
const CUBE = [0, 95, 135, 175, 215, 255] as const;

/**
 * The CSS colour of a palette entry from 16 up (the cube and the grey ramp). Entries 0-15 are
 * themed by CSS classes instead, so that they stay readable on a dark and a light background.
 */
export function paletteColor(index: number): string {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level}, ${level}, ${level})`;
  }
  const n = index - 16;
  const r = CUBE[Math.floor(n / 36) % 6] ?? 0;
  const g = CUBE[Math.floor(n / 6) % 6] ?? 0;
  const b = CUBE[n % 6] ?? 0;
  return `rgb(${r}, ${g}, ${b})`;
}

/** A styled run of text, marked when it is part of a search match. */
export interface MarkedSegment extends AnsiSegment {
  mark: boolean;
}

/**
 * Cuts segments at the edges of the given [start, end) ranges of their joined text (the line
 * without escapes), so that matches can be highlighted across colour changes.
 */
export function markRanges(
  segments: readonly AnsiSegment[],
  ranges: ReadonlyArray<readonly [number, number]>,
): MarkedSegment[] {
  if (ranges.length === 0) return segments.map((s) => ({ ...s, mark: false }));
  const out: MarkedSegment[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && (ranges[r]?.[1] ?? 0) <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ text: segment.text.slice(at - offset), style: segment.style, mark: false });
        at = end;
      } else if (range[0] > at) {
        out.push({
          text: segment.text.slice(at - offset, range[0] - offset),
          style: segment.style,
          mark: false,
        });
        at = range[0];
      } else {
        const stop = Math.min(range[1], end);
        out.push({
          text: segment.text.slice(at - offset, stop - offset),
          style: segment.style,
          mark: true,
        });
        at = stop;
      }
    }
    offset = end;
  }
  return out;
}
