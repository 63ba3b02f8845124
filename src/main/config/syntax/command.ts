import { foundText, SyntaxValueError } from './syntax-error';

const EXPECTED = 'a command with balanced quotes, like \'sh -c "echo hi"\'';

/** A command or entrypoint as arguments: a list as written, a string split as Compose splits it. */
export function parseCommand(value: string | string[] | null): string[] | null {
  if (value === null) return null;
  if (typeof value === 'string') return splitWords(value);
  if (!Array.isArray(value)) {
    throw new SyntaxValueError(foundText(value), 'a string or a list of strings');
  }
  return value.map((item: unknown) => {
    // The schema wants strings; YAML reads `[sleep, 10]` with a number in it.
    if (typeof item !== 'string') {
      throw new SyntaxValueError(foundText(item), 'a string (quote it)');
    }
    return item;
  });
}

// compose-go splits with mattn/go-shellwords v1.0.12 (no environment, no backticks run): quotes
// and backslashes group and escape, and an unquoted operator ends the line.
function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  // A word starts with a character or a closed pair of quotes, so '' is an empty word.
  let started = false;
  let escaped = false;
  let single = false;
  let double = false;
  let backtick = false;
  let substitution = false;
  scan: for (const char of line) {
    if (escaped) {
      word += char;
      escaped = false;
      started = true;
      continue;
    }
    if (char === '\\') {
      if (single) word += char;
      else escaped = true;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (single || double || backtick || substitution) word += char;
      else if (started) {
        words.push(word);
        word = '';
        started = false;
      }
      continue;
    }
    switch (char) {
      // Backticks and $( ) are kept in the word, spaces and all, and never run.
      case '`':
        if (!single && !double && !substitution) backtick = !backtick;
        break;
      case ')':
        if (!single && !double && !backtick) substitution = !substitution;
        break;
      case '(':
        if (!single && !double && !backtick) {
          if (substitution || !word.endsWith('$')) throw new SyntaxValueError(line, EXPECTED);
          substitution = true;
          word += char;
          continue;
        }
        break;
      case '"':
        if (!single && !substitution) {
          if (double) started = true;
          double = !double;
          continue;
        }
        break;
      case "'":
        if (!double && !substitution) {
          if (single) started = true;
          single = !single;
          continue;
        }
        break;
      // An unquoted shell operator ends the command: shellwords stops there and Compose keeps
      // only the words before it, so `a && b` runs `a`. A redirection's file descriptor
      // (the 2 of 2>) goes too.
      case ';':
      case '&':
      case '|':
      case '<':
      case '>':
        if (!single && !double && !backtick && !substitution) {
          if (char === '>' && /^\d/.test(word)) started = false;
          break scan;
        }
        break;
    }
    started = true;
    word += char;
  }
  if (started) words.push(word);
  if (escaped || single || double || backtick || substitution) {
    throw new SyntaxValueError(line, EXPECTED);
  }
  return words;
}
