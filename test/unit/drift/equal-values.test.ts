import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { normalizeJvmSizes } from '../../../src/main/drift/equal-values';
import { deployment, driftOf, lines } from './drift-fixture';

// Equal values written differently are never drift.

function drift(compose: string[], ...container: string[]): Finding[] {
  const { report } = driftOf({
    'compose.yaml': lines('services:', '  app:', '    image: example/app:1', ...compose),
    'k8s/app.yaml': deployment('app', ...container),
  });
  return report.findings;
}

describe('JVM sizes', () => {
  it('are written in bytes whatever the unit case or the unit', () => {
    expect(normalizeJvmSizes('-Xms64m -Xmx400M -Xss512k')).toBe(
      '-Xms67108864 -Xmx419430400 -Xss524288',
    );
    expect(normalizeJvmSizes('-XX:MaxMetaspaceSize=256M -Dx=5m')).toBe(
      '-XX:MaxMetaspaceSize=268435456 -Dx=5m',
    );
    expect(normalizeJvmSizes('-Xmx1g')).toBe(normalizeJvmSizes('-Xmx1024m'));
    expect(normalizeJvmSizes('plain text 400m')).toBe('plain text 400m');
  });

  it('differing only in how they are written are not drift, in env and in args', () => {
    const findings = drift(
      [
        '    environment:',
        '      JAVA_OPTS: "-Xms64m -Xmx400m"',
        '    command: ["java", "-Xmx1g", "-jar", "app.jar"]',
      ],
      'env: [{ name: JAVA_OPTS, value: "-Xms64M -Xmx400M" }]',
      'args: ["java", "-Xmx1024m", "-jar", "app.jar"]',
    );
    expect(findings.map((f) => f.path)).toEqual([]);
  });

  it('of different sizes are drift, shown as written', () => {
    const findings = drift(
      ['    environment: { JAVA_OPTS: "-Xmx400m" }'],
      'env: [{ name: JAVA_OPTS, value: "-Xmx512m" }]',
    );
    expect(findings).toMatchObject([
      { path: 'env.JAVA_OPTS', dev: { value: '-Xmx400m' }, prod: { value: '-Xmx512m' } },
    ]);
  });
});

describe('values written in other forms', () => {
  it('list and map env, quoted and plain scalars are the same', () => {
    const findings = drift(
      ['    environment:', '      - PORT=8080', '      - DEBUG=true', '      - NAME=shop'],
      'env:',
      '  - { name: PORT, value: "8080" }',
      "  - { name: DEBUG, value: 'true' }",
      '  - { name: NAME, value: shop }',
    );
    expect(findings).toEqual([]);
  });

  it('a map of plain scalars equals the quoted strings Kubernetes needs', () => {
    const findings = drift(
      ['    environment: { PORT: 8080, DEBUG: true, RATIO: 0.5, NAME: "shop" }'],
      'env:',
      '  - { name: PORT, value: "8080" }',
      '  - { name: DEBUG, value: "true" }',
      "  - { name: RATIO, value: '0.5' }",
      '  - { name: NAME, value: shop }',
    );
    expect(findings).toEqual([]);
  });

  it('compose entrypoint is the Kubernetes command, compose command its args', () => {
    expect(
      drift(
        ['    entrypoint: emojivoto-vote-bot', '    command: --rate 5'],
        'command: [emojivoto-vote-bot]',
        'args: ["--rate", "5"]',
      ),
    ).toEqual([]);
  });

  it('an entrypoint split differently between the two fields runs the same process', () => {
    expect(
      drift(
        ['    entrypoint: ["sh", "-c"]', '    command: ["exec server --port 80"]'],
        'command: ["sh", "-c", "exec server --port 80"]',
      ),
    ).toEqual([]);
  });

  it('a compose command against a Kubernetes command is drift: one keeps the entrypoint', () => {
    expect(
      drift(['    command: ["server"]'], 'command: ["server"]').map((f) => [f.path, f.kind]),
    ).toEqual([
      ['command', 'only-dev'],
      ['entrypoint', 'only-prod'],
    ]);
  });
});
