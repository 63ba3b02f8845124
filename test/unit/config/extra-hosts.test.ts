import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/main/config/load-project';
import { makeProject } from '../../support/project-dir';

function extraHosts(yaml: string) {
  const dir = makeProject('hosts', { 'compose.yaml': `services:\n  app:\n    image: x\n${yaml}` });
  const { project, diagnostics } = loadProject({ dir, env: {} });
  return { hosts: project?.model.services.app?.extraHosts ?? null, diagnostics };
}

describe('extra_hosts', () => {
  it('reads the list form with : or = (IPv6), and the mapping form, as host:ip', () => {
    expect(extraHosts('    extra_hosts: ["a.local:10.0.0.1", "v6=::1"]\n').hosts?.value).toEqual([
      'a.local:10.0.0.1',
      'v6:::1',
    ]);
    expect(
      extraHosts('    extra_hosts:\n      a.local: 10.0.0.1\n      gw: host-gateway\n').hosts,
    ).toMatchObject({ value: ['a.local:10.0.0.1', 'gw:host-gateway'], source: { line: 5 } });
  });

  it('says which entry is not HOST:IP, at its line', () => {
    const { hosts, diagnostics } = extraHosts(
      '    extra_hosts:\n      - nocolon\n      - b:1.2.3.4\n',
    );
    // An error stops the load, as every error in the files does.
    expect(hosts).toBeNull();
    expect(diagnostics).toMatchObject([
      {
        severity: 'error',
        message: 'found "nocolon" for extra_hosts, expected HOST:IP or HOST=IP',
        position: { line: 5 },
      },
    ]);
  });

  it('adds an override file’s entries to the base file’s', () => {
    const dir = makeProject('hosts', {
      'compose.yaml': 'services:\n  app:\n    image: x\n    extra_hosts: ["a:1.1.1.1"]\n',
      'compose.override.yaml': 'services:\n  app:\n    extra_hosts: ["b:2.2.2.2", "a:1.1.1.1"]\n',
    });
    const { project } = loadProject({ dir, env: {} });
    expect(project?.model.services.app?.extraHosts?.value).toEqual(['a:1.1.1.1', 'b:2.2.2.2']);
  });
});
