import type { CSSProperties, ReactNode } from 'react';
import { markRanges, paletteColor, parseAnsi, type AnsiColor, type AnsiStyle } from './ansi';

/** A log line's text with its ANSI colours and attributes, search matches highlighted. */
export function AnsiText({
  text,
  ranges,
}: {
  text: string;
  /** [start, end) ranges of matches in the text without escapes. */
  ranges: ReadonlyArray<readonly [number, number]>;
}) {
  const segments = markRanges(parseAnsi(text), ranges);
  return (
    <>
      {segments.map((segment, index) => {
        const look = segment.style ? ansiLook(segment.style) : null;
        const content: ReactNode = segment.mark ? (
          <mark className="log-match">{segment.text}</mark>
        ) : (
          segment.text
        );
        if (!look) return segment.mark ? <span key={index}>{content}</span> : segment.text;
        return (
          <span key={index} className={look.className} style={look.style}>
            {content}
          </span>
        );
      })}
    </>
  );
}

/**
 * The classes and inline style of a styled run. The 16 basic colours are classes, themed in
 * logs.css so that they stay readable on a dark and a light background; 256-colour and 24-bit
 * ones are inline colours (React sets them through CSSOM, which the page's CSP allows).
 */
export function ansiLook(style: AnsiStyle): { className: string; style: CSSProperties } {
  const classes: string[] = [];
  const css: CSSProperties = {};
  let fg: AnsiColor | 'default-fg' | 'default-bg' | undefined = style.fg;
  let bg: AnsiColor | 'default-fg' | 'default-bg' | undefined = style.bg;
  if (style.inverse) [fg, bg] = [bg ?? 'default-bg', fg ?? 'default-fg'];
  colour(fg, 'fg', classes, css);
  colour(bg, 'bg', classes, css);
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  if (style.hidden) classes.push('ansi-hidden');
  return { className: classes.join(' '), style: css };
}

function colour(
  value: AnsiColor | 'default-fg' | 'default-bg' | undefined,
  layer: 'fg' | 'bg',
  classes: string[],
  css: CSSProperties,
): void {
  if (value === undefined) return;
  const property = layer === 'fg' ? 'color' : 'backgroundColor';
  if (typeof value === 'string') classes.push(`ansi-${layer}-${value}`);
  else if ('rgb' in value) css[property] = `rgb(${value.rgb.join(', ')})`;
  else if (value.palette < 16) classes.push(`ansi-${layer}-${value.palette}`);
  else css[property] = paletteColor(value.palette);
}
