import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../src/shared/logs';
import { logPrinter, shortName, shouldColor } from '../../../../src/main/cli/log-colors';
import { stamp } from './frames';

const line = (service: string, text: string, n = 1): LogLine => ({
  service,
  container: `shop-${service}-1`,
  stream: 'stdout',
  timestamp: stamp(n),
  text,
});

describe('the logs printer', () => {
  it('prefixes the name without the project, padded so the bars line up', () => {
    const print = logPrinter({
      project: 'shop',
      services: ['web', 'worker'],
      color: false,
      timestamps: false,
      width: 'worker-1'.length,
    });
    expect(print([line('web', 'hello'), line('worker', 'busy')])).toBe(
      'web-1     | hello\nworker-1  | busy\n',
    );
  });

  it('widens for a longer name seen later, and shows timestamps when asked', () => {
    const print = logPrinter({ project: 'shop', services: [], color: false, timestamps: true });
    expect(print([line('db', 'a', 2)])).toBe(`db-1  | ${stamp(2)} a\n`);
    expect(print([line('db', 'b', 3), line('cache', 'c', 4)])).toBe(
      `db-1     | ${stamp(3)} b\ncache-1  | ${stamp(4)} c\n`,
    );
  });

  it('colours each service its own way, the same for every line of it', () => {
    const print = logPrinter({
      project: 'shop',
      services: ['web', 'db'],
      color: true,
      timestamps: false,
      width: 5,
    });
    expect(print([line('web', 'a'), line('db', 'b'), line('web', 'c'), line('extra', 'd')])).toBe(
      [
        '\u001b[36mweb-1    | \u001b[0ma\n',
        '\u001b[33mdb-1     | \u001b[0mb\n',
        '\u001b[36mweb-1    | \u001b[0mc\n',
        '\u001b[32mextra-1  | \u001b[0md\n',
      ].join(''),
    );
  });

  it('colours only on a terminal without NO_COLOR or --no-color', () => {
    expect(shouldColor({}, true, false)).toBe(true);
    expect(shouldColor({}, undefined, false)).toBe(false);
    expect(shouldColor({}, true, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: '1' }, true, false)).toBe(false);
    expect(shouldColor({ NO_COLOR: '' }, true, false)).toBe(true);
  });

  it('drops the project prefix as Compose v2 and v1 write it, keeping any other name', () => {
    expect(shortName('shop', 'web', 'shop-web-1')).toBe('web-1');
    expect(shortName('shop', 'web', 'shop_web_1')).toBe('web-1');
    expect(shortName('shop', 'web', 'other-web-1')).toBe('other-web-1');
  });
});

describe('the logs printer on a container printing control sequences', () => {
  it("keeps the container's colours, resets after them, and escapes every other control", () => {
    const print = logPrinter({
      project: 'shop',
      services: ['web'],
      color: false,
      timestamps: false,
    });
    const text = print([
      line(
        'web',
        '\u001b[32mok\u001b[0m \u001b]52;c;Y3VybA==\u0007\u001b]0;pwned\u0007\u001b[2J\r',
      ),
    ]);
    expect(text).toBe(
      'web-1  | \u001b[32mok\u001b[0m \\u001b]52;c;Y3VybA==\\u0007\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\u001b[0m\n',
    );
  });
});
