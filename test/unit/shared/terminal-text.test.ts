import { describe, expect, it } from 'vitest';
import {
  boundQuotes,
  escapeControls,
  escapeKeepingColors,
  excerpt,
} from '../../../src/shared/terminal-text';

const TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const CLIPBOARD = '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007';
const C1_CSI = '\u009b2J';

describe('escapeControls', () => {
  it('shows every control as its escape, keeping line feeds and tabs', () => {
    const shown = escapeControls(`a${TITLE}b${CLEAR}c${CLIPBOARD}\td\r\n${C1_CSI}\u202Ee`);
    expect(shown).toBe(
      'a\\u001b]0;pwned\\u0007b\\u001b[2J\\u001b[Hc\\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\u0007\td\\u000d\n\\u009b2J\\u202ee',
    );
    // eslint-disable-next-line no-control-regex -- asserting no control character is left
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(escapeControls('café ✘ 🚀 "quoted"\n')).toBe('café ✘ 🚀 "quoted"\n');
  });
});

describe('escapeKeepingColors', () => {
  it("keeps a container's colours, escapes the rest and resets after a coloured line", () => {
    const shown = escapeKeepingColors(`\u001b[31mred\u001b[0m ${TITLE}${CLIPBOARD}`);
    expect(shown.startsWith('\u001b[31mred\u001b[0m \\u001b]0;pwned')).toBe(true);
    expect(shown.endsWith('\u001b[0m')).toBe(true);
    expect(shown).not.toContain('\u001b]');
    expect(shown).not.toContain('\u0007');
  });

  it('adds nothing to a plain line', () => {
    expect(escapeKeepingColors('plain line')).toBe('plain line');
  });
});

describe('excerpt', () => {
  it('quotes at most a short, one-line, escaped part of a value', () => {
    const environ = `GH_PAT=ghp_0123456789\u0000HOME=/root\u0000${'X=1\u0000'.repeat(500)}`;
    const shown = excerpt(environ);
    expect(shown.length).toBeLessThan(80);
    expect(shown).toContain('(2033 characters)');
    expect(shown).not.toContain('\u0000');
    expect(shown).not.toContain('X=1');
  });

  it("masks a URL's password even inside the excerpt", () => {
    expect(excerpt('https://me:hunter4@git.test')).toBe('"https://me:****@git.test"');
  });
});

describe('boundQuotes', () => {
  it('cuts a long quoted value, keeps short quotes and hides every quote of a foreign file', () => {
    const long = 'x'.repeat(500);
    expect(boundQuotes(`found "${long}" for ports`)).toMatch(
      /^found "x{31}…" \(500 characters\) for ports$/,
    );
    expect(boundQuotes('found "8080" for ports')).toBe('found "8080" for ports');
    expect(boundQuotes('in the name of "machine h login u password p"', true)).toBe(
      'in the name of "…"',
    );
  });
});
