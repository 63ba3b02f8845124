import { describe, expect, it } from 'vitest';
import { checkTarget, describeTarget } from '../../../src/main/drift/health-target';

// What a health check probes, read from the forms compose files and probes are written in.
const described = (test: string[] | null): string | null => {
  const target = checkTarget(test);
  return target ? describeTarget(target) : null;
};

describe('the target of a health check', () => {
  it('reads curl and wget of a URL as an HTTP GET on its port and path', () => {
    expect(described(['CMD', 'curl', '-f', 'http://localhost:8080/health'])).toBe(
      'HTTP GET :8080/health',
    );
    expect(described(['CMD-SHELL', 'wget -qO- http://127.0.0.1:3000/healthz || exit 1'])).toBe(
      'HTTP GET :3000/healthz',
    );
    expect(
      described(['CMD', 'wget', '-O', '/dev/null', '-q', 'http://order-service:3000/health']),
    ).toBe('HTTP GET :3000/health');
    // No port in the URL: the scheme's.
    expect(described(['CMD', 'curl', '-f', 'http://localhost'])).toBe('HTTP GET :80/');
    expect(described(['CMD-SHELL', 'curl -fsS https://localhost/ready?x=1'])).toBe(
      'HTTP GET :443/ready',
    );
    // Without a scheme, as both tools allow; a flag's value is not a URL.
    expect(described(['CMD', 'curl', '-m', '5', '-f', 'localhost:8080/health'])).toBe(
      'HTTP GET :8080/health',
    );
    expect(described(['CMD-SHELL', 'wget -q -O /dev/null 127.0.0.1/ping'])).toBe(
      'HTTP GET :80/ping',
    );
  });

  it('reads nc -z and bash /dev/tcp as a TCP connect', () => {
    expect(described(['CMD', 'nc', '-z', 'localhost', '5432'])).toBe('TCP :5432');
    expect(described(['CMD-SHELL', 'nc -zv 127.0.0.1 6379'])).toBe('TCP :6379');
    expect(described(['CMD', 'bash', '-c', 'echo > /dev/tcp/localhost/9000'])).toBe('TCP :9000');
  });

  it("reads database clients as commands on their engine's port, default or written", () => {
    expect(checkTarget(['CMD-SHELL', 'pg_isready -U postgres'])).toMatchObject({
      mechanism: 'exec',
      port: 5432,
      tool: 'pg_isready',
    });
    expect(checkTarget(['CMD', 'redis-cli', '-p', '6380', 'ping'])).toMatchObject({
      mechanism: 'exec',
      port: 6380,
    });
    expect(checkTarget(['CMD', 'mysqladmin', 'ping', '-h', 'localhost'])?.port).toBe(3306);
    expect(
      described([
        'CMD-SHELL',
        'echo | openssl s_client -connect localhost:10260 -brief 2>/dev/null | grep -q CONNECTED',
      ]),
    ).toBe(
      'exec echo | openssl s_client -connect localhost:10260 -brief 2>/dev/null | grep -q CONNECTED (port 10260)',
    );
  });

  it('reads a script that fetches one URL as an HTTP GET of it', () => {
    expect(
      checkTarget([
        'CMD',
        'python',
        '-c',
        "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')",
      ]),
    ).toMatchObject({ mechanism: 'http', port: 8000, path: '/health', tool: 'python' });
    expect(
      checkTarget(['CMD-SHELL', "node -e \"fetch('http://a:1/x'); fetch('http://b:2/y')\""])
        ?.mechanism,
    ).toBe('exec');
  });

  it('says when the port cannot be known, rather than guessing one', () => {
    expect(checkTarget(['CMD', 'rabbitmqctl', 'status'])).toEqual({
      mechanism: 'exec',
      port: null,
      path: null,
      command: 'rabbitmqctl status',
      tool: null,
      unknown: 'the command names no port Parity can read',
    });
    expect(checkTarget(['CMD-SHELL', '/healthchecks/redis.sh'])?.unknown).toMatch(/no port/);
  });

  it('reads the probes as the Kubernetes reader writes them', () => {
    expect(described(['HTTP', 'GET', 'http://:3001/liveness'])).toBe('HTTP GET :3001/liveness');
    expect(described(['TCP', ':5672'])).toBe('TCP :5672');
    expect(described(['GRPC', ':9090'])).toBe('gRPC health :9090');
    expect(described(['CMD', 'cat', '/proc/1/status'])).toBe('exec cat /proc/1/status');
    expect(described(['NONE'])).toBeNull();
    expect(described(null)).toBeNull();
  });
});
