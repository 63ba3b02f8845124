import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { formatDiagnostic } from '../../../src/shared/diagnostics';
import { makeProject } from '../../support/project-dir';

describe('keys Parity does not apply yet', () => {
  it('are one warning per key naming its services, at the first, never one per service', () => {
    const services = Array.from({ length: 12 }, (_, i) =>
      [`  s${String(i).padStart(2, '0')}:`, '    image: busybox:1.37', '    cpu_count: 2'].join(
        '\n',
      ),
    );
    const dir = makeProject('many', {
      'compose.yaml': [
        'services:',
        ...services,
        '  web:',
        '    image: busybox:1.37',
        '    cpu_percent: 50',
        '    profiles: [off]',
        '',
      ].join('\n'),
    });
    const { diagnostics } = loadProject({ dir, env: {} });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'compose.yaml:4:5: warning: cpu_count: not applied by Parity yet on 12 services: s00, s01, s02, s03, s04, s05, s06, s07 and 4 more (docker compose applies it; the containers Parity creates go without it)',
    ]);
  });

  it('says nothing of the keys it applies now', () => {
    const dir = makeProject('applied', {
      'compose.yaml': [
        'services:',
        '  app:',
        '    image: busybox:1.37',
        '    logging: { driver: json-file }',
        '    ulimits: { nofile: 1024 }',
        '    dns: 10.0.0.2',
        '    shm_size: 64m',
        '    sysctls: [net.core.somaxconn=1024]',
        '    tty: true',
        '    stdin_open: true',
        '    security_opt: [no-new-privileges]',
        '    expose: [3000]',
        '    oom_score_adj: 100',
        '    pids_limit: 50',
        '    cgroup_parent: /custom',
        '',
      ].join('\n'),
    });
    expect(loadProject({ dir, env: {} }).diagnostics).toEqual([]);
  });
});
