import { describe, expect, it } from 'vitest';
import { readInitWork } from '../../../src/main/drift/init-wait';

const sh = (script: string): string[] => ['sh', '-c', script];

describe('an init container’s command read as a wait or as work', () => {
  it.each([
    [
      'an nc loop',
      sh('until nc -zv queue 5672; do echo waiting for queue; sleep 2; done;'),
      [{ host: 'queue', port: 5672, tool: 'nc' }],
    ],
    [
      'nc with a timeout option before the host',
      sh('until nc -z -w 1 db 5432; do sleep 1; done'),
      [{ host: 'db', port: 5432, tool: 'nc' }],
    ],
    [
      'pg_isready with -h and -p',
      sh('until pg_isready -h db -p 5433; do sleep 1; done'),
      [{ host: 'db', port: 5433, tool: 'pg_isready' }],
    ],
    [
      'pg_isready with its default port',
      ['pg_isready', '--host=db'],
      [{ host: 'db', port: 5432, tool: 'pg_isready' }],
    ],
    [
      'wget against a URL, output redirected',
      sh('while ! wget -q -O- http://api:8080/health >/dev/null 2>&1; do sleep 2; done'),
      [{ host: 'api', port: 8080, tool: 'wget' }],
    ],
    [
      'curl inside a test, its port implied by the scheme',
      sh(
        'until [ "$(curl -s -o /dev/null -w %{http_code} http://api.shop.svc.cluster.local/health)" = 200 ]; do sleep 1; done',
      ),
      [{ host: 'api.shop.svc.cluster.local', port: 80, tool: 'curl' }],
    ],
    [
      'two services in one script',
      sh('until nc -z db 5432 && nc -z cache 6379; do sleep 1; done'),
      [
        { host: 'db', port: 5432, tool: 'nc' },
        { host: 'cache', port: 6379, tool: 'nc' },
      ],
    ],
    [
      'wait-for-it',
      ['/wait-for-it.sh', 'db:5432', '--timeout=60'],
      [{ host: 'db', port: 5432, tool: 'wait-for-it.sh' }],
    ],
    [
      'dockerize -wait',
      ['dockerize', '-wait', 'tcp://db:5432', '-timeout', '60s'],
      [{ host: 'db', port: 5432, tool: 'dockerize' }],
    ],
    [
      'a DNS lookup loop',
      sh('until nslookup mydb; do echo waiting for mydb; sleep 2; done'),
      [{ host: 'mydb', port: null, tool: 'nslookup' }],
    ],
  ])('%s is a wait', (_, argv, targets) => {
    expect(readInitWork(argv)).toEqual({ kind: 'wait', targets });
  });

  it.each([
    ['a migration', ['./migrate', 'up'], './migrate up'],
    ['a copy', ['cp', '-r', '/src/.', '/data/'], 'cp -r /src/. /data/'],
    [
      'a wait followed by a migration',
      sh('until nc -z db 5432; do sleep 1; done; ./migrate up'),
      'until nc -z db 5432; do sleep 1; done; ./migrate up',
    ],
    ['a message that names a tool', sh('echo use nc to debug; chown 1000 /data'), null],
  ])('%s is work, shown by its script', (_, argv, command) => {
    const read = readInitWork(argv);
    expect(read.kind).toBe('work');
    if (command !== null) expect(read).toEqual({ kind: 'work', command });
  });

  it.each([
    [['service', 'db'], 'db'],
    [['pod', '-lapp=db'], 'db'],
    [['job', 'migrate'], 'migrate'],
  ])('k8s-wait-for %j waits for what it names', (argv, host) => {
    expect(readInitWork(argv, 'groundnuty/k8s-wait-for:v2.0')).toEqual({
      kind: 'wait',
      targets: [{ host, port: null, tool: 'k8s-wait-for' }],
    });
    // The same arguments to another image are its own work.
    expect(readInitWork(argv, 'example/tool:1').kind).toBe('work');
  });

  it('no command is unknown: the image’s own entrypoint runs', () => {
    expect(readInitWork([])).toEqual({ kind: 'unknown' });
  });
});
