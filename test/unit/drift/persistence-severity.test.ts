import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/drift';
import { driftOf, lines } from './drift-fixture';

// Severity follows consequence: a data store that keeps its data on one side and loses it on
// the other is at least a warning, an error when production is the side that loses it.

function volumes(image: string, dev: string, prodVolume: string, target: string): Finding[] {
  const { report } = driftOf({
    'compose.yaml': lines(
      'services:',
      '  store:',
      `    image: ${image}`,
      `    volumes: [${dev}]`,
      'volumes: { data: {} }',
    ),
    'k8s/store.yaml': lines(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: store }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: store',
      `          image: ${image}`,
      `          volumeMounts: [{ name: data, mountPath: ${target} }]`,
      `      volumes: [${prodVolume}]`,
    ),
  });
  return report.findings.filter((f) => f.category === 'volumes');
}

const EMPTY_DIR = '{ name: data, emptyDir: {} }';
const CLAIM = '{ name: data, persistentVolumeClaim: { claimName: store-data } }';

describe('the severity of a data store losing its data', () => {
  it('is an error when production keeps a database in an emptyDir', () => {
    const findings = volumes(
      'postgres:16',
      '"data:/var/lib/postgresql/data"',
      EMPTY_DIR,
      '/var/lib/postgresql/data',
    );
    expect(findings).toMatchObject([
      {
        path: 'volumes./var/lib/postgresql/data',
        kind: 'changed',
        severity: 'error',
        dev: { value: 'volume' },
        prod: { value: 'anonymous volume' },
      },
    ]);
    expect(findings[0]?.rule).toMatch(/production loses/);
  });

  it('is a warning when the laptop loses what production keeps on a claim', () => {
    expect(volumes('mariadb:11', '"/var/lib/mysql"', CLAIM, '/var/lib/mysql')).toMatchObject([
      { kind: 'changed', severity: 'warning', dev: { value: 'anonymous volume' } },
    ]);
  });

  it("counts an engine's data path whatever the image, and a database's /data folder", () => {
    expect(
      volumes('example/own-mongo:1', '"data:/data/db"', EMPTY_DIR, '/data/db')[0]?.severity,
    ).toBe('error');
    expect(volumes('mongo:7', '"data:/srv/data"', EMPTY_DIR, '/srv/data')[0]?.severity).toBe(
      'error',
    );
  });

  it('stays info for what is not a data store, and for both sides keeping the data', () => {
    expect(volumes('nginx:1', '"data:/srv/data"', EMPTY_DIR, '/srv/data')[0]?.severity).toBe(
      'info',
    );
    expect(volumes('postgres:16', '"data:/scripts"', EMPTY_DIR, '/scripts')[0]?.severity).toBe(
      'info',
    );
    expect(
      volumes('postgres:16', '"data:/var/lib/postgresql/data"', CLAIM, '/var/lib/postgresql/data'),
    ).toEqual([]);
  });
});
