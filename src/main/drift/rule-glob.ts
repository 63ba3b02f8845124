// parity.yaml's drift rules name findings by globs over their paths (`*.env.LOG_LEVEL`,
// `api.**`). A glob turned into a regular expression backtracks: `*a*a*a*a*a*a*a*a*a*a*a*a*b`
// against a long path of `a`s takes minutes. This matcher runs the glob as a set of positions
// advanced together over the path, one character at a time: time is the path's length times
// the glob's, whatever the glob, and nothing is ever tried twice. Every rule is asked about
// every finding (a thousand in a large project): a path lacking one of the glob's literal runs
// (`.env.LOG_LEVEL`) cannot match, and is answered by `includes` before the matcher runs.

type Token = { kind: 'char'; char: string } | { kind: 'star' } | { kind: 'globstar' };

/** A compiled drift-rule glob: `*` matches within one path segment, `**` across segments. */
export class RuleGlob {
  private readonly tokens: Token[] = [];
  // The glob's runs of plain characters: each must be in a path the glob matches.
  private readonly literals: string[];

  /** `orBelow`: the glob also covers everything under the path it matches (`web` covers `web.image`). */
  constructor(
    glob: string,
    private readonly orBelow: boolean,
  ) {
    for (let i = 0; i < glob.length; i++) {
      const char = glob.charAt(i);
      if (char !== '*') this.tokens.push({ kind: 'char', char });
      else if (glob.charAt(i + 1) === '*') {
        this.tokens.push({ kind: 'globstar' });
        i++;
      } else this.tokens.push({ kind: 'star' });
    }
    this.literals = glob.split('*').filter((run) => run !== '');
  }

  /** Whether the glob matches the whole path (or, with orBelow, the path up to one of its dots). */
  matches(path: string): boolean {
    for (const run of this.literals) if (!path.includes(run)) return false;
    const size = this.tokens.length;
    let current = this.close([0]);
    for (let at = 0; at < path.length && current.length > 0; at++) {
      const char = path.charAt(at);
      if (this.orBelow && char === '.' && current.includes(size)) return true;
      const next: number[] = [];
      const seen = new Uint8Array(size + 1);
      const add = (state: number): void => {
        if (seen[state]) return;
        seen[state] = 1;
        next.push(state);
      };
      for (const state of current) {
        const token = this.tokens[state];
        if (!token) continue;
        if (token.kind === 'char') {
          if (token.char === char) add(state + 1);
        } else if (token.kind === 'globstar' || char !== '.') add(state);
      }
      current = this.close(next);
    }
    return current.includes(size);
  }

  // Adds the states reached without reading a character: past any star, which may match none.
  private close(states: number[]): number[] {
    const seen = new Uint8Array(this.tokens.length + 1);
    const out: number[] = [];
    for (const first of states) {
      for (let state = first; !seen[state]; state++) {
        seen[state] = 1;
        out.push(state);
        if (this.tokens[state]?.kind === 'char' || state >= this.tokens.length) break;
      }
    }
    return out;
  }
}
