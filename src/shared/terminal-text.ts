import { maskUrlCredentials } from './secrets';

// Text from a repository (or from a container) reaches a terminal only through here. A terminal
// obeys the control characters in what it prints: ESC and the C1 controls start sequences that
// set the window title, clear the screen, move the cursor to overwrite an earlier line, or write
// the clipboard (OSC 52); a carriage return or backspace overwrites what a line said. So every
// control character is shown as its escape (`\u001b`), and so are the bidirectional overrides
// that reorder what a line appears to say ("Trojan Source").

// C0 but tab and line feed, DEL, C1; the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is this file's job
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// Select Graphic Rendition (colours, bold) and nothing else: CSI digits and semicolons, then m.
// eslint-disable-next-line no-control-regex -- an escape sequence starts with ESC
const SGR = /\u001b\[[0-9;]{0,32}m/y;

function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every control character (line feeds and tabs aside) shown as its `\uXXXX` escape. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escaped);
}

/**
 * A container's output for a terminal: its colours (SGR sequences) kept, as `docker compose logs`
 * shows them, every other control escaped; a line that set any colour ends with a reset, so it
 * cannot colour (or hide) the lines after it.
 */
export function escapeKeepingColors(text: string): string {
  let out = '';
  let styled = false;
  let last = 0;
  CONTROL.lastIndex = 0;
  for (let match = CONTROL.exec(text); match; match = CONTROL.exec(text)) {
    const at = match.index;
    out += text.slice(last, at);
    SGR.lastIndex = at;
    const sgr = text.charAt(at) === '\u001b' ? SGR.exec(text) : null;
    if (sgr) {
      out += sgr[0];
      styled = true;
      last = at + sgr[0].length;
    } else {
      out += escaped(match[0]);
      last = at + 1;
    }
    CONTROL.lastIndex = last;
  }
  out += text.slice(last);
  return styled ? `${out}\u001b[0m` : out;
}

/** How many characters of a value a message quotes. */
export const EXCERPT_LENGTH = 32;

/**
 * A short, quoted, escaped excerpt of a value for a message: at most EXCERPT_LENGTH characters,
 * one line, control characters escaped, a URL's password masked. A message never quotes a whole
 * long value, which may be a line of a file outside the project (/proc/self/environ).
 */
export function excerpt(value: string, max: number = EXCERPT_LENGTH): string {
  const cut = [...maskUrlCredentials(value.slice(0, max * 4)).slice(0, max * 2)];
  const shown = cut.length > max ? `${cut.slice(0, max - 1).join('')}…` : cut.join('');
  const flat = escapeControls(shown.replaceAll('\n', '\\n').replaceAll('\t', '\\t'));
  const more = value.length > max ? ` (${value.length} characters)` : '';
  return `"${flat.replaceAll('"', '\\"')}"${more}`;
}

// A quoted part of a message: `"` to the next `"` on the same line (linear: no backtracking).
const QUOTED = /"([^"\n]*)"/g;

// A quoted part this long is a value as written, not Parity's own words: cut to an excerpt.
const LONG_QUOTE = 80;

/**
 * A message with every long quoted part cut to an excerpt (see excerpt), URL
 * passwords masked and control characters escaped: the last guard for messages that quote a
 * value as written. With `hidden` (a file outside the project), no quoted part is shown at all.
 */
export function boundQuotes(message: string, hidden = false): string {
  const bounded = message.replace(QUOTED, (_whole, inner: string) =>
    hidden ? '"…"' : inner.length > LONG_QUOTE ? excerpt(inner) : `"${maskUrlCredentials(inner)}"`,
  );
  return escapeControls(bounded.length > 2000 ? `${bounded.slice(0, 1999)}…` : bounded);
}
