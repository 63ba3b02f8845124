import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, type LoadedProject } from '../../../src/main/config/load-project';
import { applyAdopt, previewAdopt } from '../../../src/main/drift/adopt';
import { editAdoptText } from '../../../src/main/drift/adopt-edit';
import { apiContract } from '../../../src/shared/api/contract';
import { lines } from '../../support/project-dir';

// Adopt production value on a copy of test/fixtures/adopt: real compose and Kubernetes YAML.
const FIXTURE = new URL('../../fixtures/adopt', import.meta.url).pathname;

function copy(): { dir: string; project: () => LoadedProject; compose: () => string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'parity-adopt-')), 'shop');
  cpSync(FIXTURE, dir, { recursive: true });
  const project = (): LoadedProject => {
    const { project: loaded, diagnostics } = loadProject({ dir, env: {} });
    if (!loaded) throw new Error(JSON.stringify(diagnostics));
    return loaded;
  };
  return { dir, project, compose: () => readFileSync(join(dir, 'compose.yaml'), 'utf8') };
}

describe('adopt production value', () => {
  it('previews the one line it changes and writes only that, comments and quoting kept', () => {
    const { project, compose } = copy();
    const before = compose();
    const change = previewAdopt(project(), 'api', 'env.LOG_LEVEL');
    expect(change).toMatchObject({
      file: 'compose.yaml',
      line: 10,
      before: ['      LOG_LEVEL: debug   # keep this comment'],
      after: ['      LOG_LEVEL: info   # keep this comment'],
    });
    expect(compose()).toBe(before);
    applyAdopt(project(), 'api', 'env.LOG_LEVEL', change.hash);
    expect(compose()).toBe(before.replace('LOG_LEVEL: debug', 'LOG_LEVEL: info'));
    expect(project().model.services.api?.environment.LOG_LEVEL?.value).toBe('info');
  });

  it("rewrites production's service host to the laptop's service and port, in the file's quotes", () => {
    const { project } = copy();
    expect(previewAdopt(project(), 'api', 'env.CATALOG_URL').after).toEqual([
      "      CATALOG_URL: 'http://catalog:8080/v1'",
    ]);
  });

  it('adds a key only production has under the service, quoted where YAML would misread it', () => {
    const { project, compose } = copy();
    const change = previewAdopt(project(), 'api', 'env.FEATURE_SEARCH');
    expect(change).toMatchObject({ line: 13, before: [], after: ['      FEATURE_SEARCH: "on"'] });
    applyAdopt(project(), 'api', 'env.FEATURE_SEARCH', change.hash);
    expect(compose()).toContain(
      'CATALOG_URL: \'http://catalog:9999/v1\'\n      FEATURE_SEARCH: "on"\n  catalog:',
    );
    expect(project().model.services.api?.environment.FEATURE_SEARCH?.value).toBe('on');
  });

  it('refuses a secret, and writes nothing', () => {
    const { project, compose } = copy();
    const before = compose();
    expect(() => previewAdopt(project(), 'api', 'env.DB_PASSWORD')).toThrow(
      /api\.env\.DB_PASSWORD: secret: not copied/,
    );
    expect(compose()).toBe(before);
  });

  it('refuses a value naming a host outside the laptop stack', () => {
    const { project } = copy();
    expect(() => previewAdopt(project(), 'api', 'env.PAYMENTS_URL')).toThrow(
      /names payments\.example\.com, which the laptop's stack does not run/,
    );
  });

  it('refuses to apply a preview of a file that changed since', () => {
    const { dir, project, compose } = copy();
    const change = previewAdopt(project(), 'api', 'env.LOG_LEVEL');
    const edited = compose().replace('# Louder logs', '# Much louder logs');
    writeFileSync(join(dir, 'compose.yaml'), edited);
    expect(() => applyAdopt(project(), 'api', 'env.LOG_LEVEL', change.hash)).toThrow(
      /compose\.yaml changed since the change was shown/,
    );
    expect(compose()).toBe(edited);
  });

  it('edits the list form of environment and keeps CRLF line endings', () => {
    const text = lines(
      'services:',
      '  api:',
      '    environment:',
      '      - A=1',
      '      - B=x',
    ).replaceAll('\n', '\r\n');
    const replaced = editAdoptText(text, 'compose.yaml', {
      service: 'api',
      keys: ['environment', 'B'],
      value: 'y z',
      devValue: 'x',
      dev: { file: 'compose.yaml', line: 5, column: 9 },
    });
    expect(replaced.text).toBe(text.replace('- B=x', '- "B=y z"'));
    const added = editAdoptText(text, 'compose.yaml', {
      service: 'api',
      keys: ['environment', 'C'],
      value: 'a$b',
      devValue: null,
      dev: null,
    });
    expect(added.text).toBe(`${text}      - "C=a$$b"\r\n`);
  });

  it('refuses a value written through interpolation, naming file and line', () => {
    const text = lines('services:', '  api:', '    environment:', '      A: ${A_FROM_SHELL:-1}');
    expect(() =>
      editAdoptText(text, 'compose.yaml', {
        service: 'api',
        keys: ['environment', 'A'],
        value: '2',
        devValue: '1',
        dev: { file: 'compose.yaml', line: 4, column: 10 },
      }),
    ).toThrow(/^compose\.yaml:4: written as "\$\{A_FROM_SHELL:-1\}"/);
  });

  it('creates environment under a service that has none', () => {
    const text = lines(
      'services:',
      '  catalog:',
      '    image: busybox:1.37',
      '  other:',
      '    image: x',
    );
    const edit = editAdoptText(text, 'compose.yaml', {
      service: 'catalog',
      keys: ['environment', 'MODE'],
      value: 'fast',
      devValue: null,
      dev: null,
    });
    expect(edit.after).toEqual(['    environment:', '      MODE: fast']);
    expect(edit.line).toBe(4);
  });
});

describe('adopt into the file that defines the value', () => {
  it('edits the extended file where the environment value is written, not compose.yaml', () => {
    const { dir, project } = copy();
    writeFileSync(
      join(dir, 'compose.yaml'),
      lines(
        'services:',
        '  api:',
        '    extends: { file: common/base.yaml, service: base }',
        '  catalog:',
        '    image: busybox:1.37',
      ),
    );
    const base = lines(
      'services:',
      '  base:',
      '    image: busybox:1.37',
      '    environment:',
      '      LOG_LEVEL: debug # shared default',
    );
    mkdirSync(join(dir, 'common'));
    writeFileSync(join(dir, 'common', 'base.yaml'), base);
    const change = previewAdopt(project(), 'api', 'env.LOG_LEVEL');
    expect(change).toMatchObject({ file: 'common/base.yaml', line: 5 });
    applyAdopt(project(), 'api', 'env.LOG_LEVEL', change.hash);
    expect(readFileSync(join(dir, 'common', 'base.yaml'), 'utf8')).toBe(
      base.replace('debug', 'info'),
    );
  });

  it('adds a key production has to the included file that defines the service', () => {
    const { dir, project } = copy();
    writeFileSync(
      join(dir, 'compose.yaml'),
      lines('include: [stack/api.yaml]', 'services:', '  catalog:', '    image: busybox:1.37'),
    );
    const included = lines(
      'services:',
      '  api:',
      '    image: busybox:1.37',
      '    environment:',
      '      LOG_LEVEL: debug',
    );
    mkdirSync(join(dir, 'stack'));
    writeFileSync(join(dir, 'stack', 'api.yaml'), included);
    const change = previewAdopt(project(), 'api', 'env.FEATURE_SEARCH');
    expect(change).toMatchObject({
      file: 'stack/api.yaml',
      line: 6,
      after: ['      FEATURE_SEARCH: "on"'],
    });
    applyAdopt(project(), 'api', 'env.FEATURE_SEARCH', change.hash);
    expect(readFileSync(join(dir, 'stack', 'api.yaml'), 'utf8')).toBe(
      `${included}      FEATURE_SEARCH: "on"\n`,
    );
  });
});

describe('the adopt requests of the API contract', () => {
  it('takes an apply only with the sha256 the preview returned, and a preview only as returned', () => {
    const finding = { project: '/p/shop', service: 'api', path: 'env.LOG_LEVEL' };
    const apply = apiContract['drift.adopt'].params;
    expect(apply.safeParse({ ...finding, hash: 'f'.repeat(64) }).success).toBe(true);
    expect(apply.safeParse(finding).success).toBe(false);
    expect(apply.safeParse({ ...finding, hash: 'not-a-hash' }).success).toBe(false);
    const preview = apiContract['drift.adoptPreview'].result;
    const change = {
      file: 'compose.yaml',
      line: 8,
      before: ['a'],
      after: ['b'],
      hash: '0'.repeat(64),
    };
    expect(preview.safeParse(change).success).toBe(true);
    expect(preview.safeParse({ ...change, secret: 'x' }).success).toBe(false);
  });
});

describe('adopt a list: capabilities', () => {
  // Production drops every capability and adds one back.
  function withCapabilities(): ReturnType<typeof copy> {
    const copied = copy();
    const deploy = join(copied.dir, 'deploy', 'api.yaml');
    const text = readFileSync(deploy, 'utf8').replace(
      '          ports: [{ containerPort: 8080 }]\n---\napiVersion: v1\nkind: Secret',
      [
        '          ports: [{ containerPort: 8080 }]',
        '          securityContext:',
        '            capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }',
        '---',
        'apiVersion: v1',
        'kind: Secret',
      ].join('\n'),
    );
    writeFileSync(deploy, text);
    return copied;
  }

  it('adds cap_drop under a service that has none, as one flow list', () => {
    const { project, compose } = withCapabilities();
    const before = compose();
    const change = previewAdopt(project(), 'api', 'cap_drop');
    expect(change).toMatchObject({ line: 13, before: [], after: ['    cap_drop: [ALL]'] });
    applyAdopt(project(), 'api', 'cap_drop', change.hash);
    expect(compose()).toBe(
      before.replace(
        "      CATALOG_URL: 'http://catalog:9999/v1'\n",
        (line) => `${line}    cap_drop: [ALL]\n`,
      ),
    );
    expect(project().model.services.api?.capDrop?.value).toEqual(['ALL']);
  });

  it('replaces a block list item by item, keeping its indentation and what follows', () => {
    const { dir, project, compose } = withCapabilities();
    const text = compose().replace(
      '    environment:\n',
      '    cap_drop:\n      - NET_RAW\n      - MKNOD   # the laptop kept these\n    environment:\n',
    );
    writeFileSync(join(dir, 'compose.yaml'), text);
    const change = previewAdopt(project(), 'api', 'cap_drop');
    expect(change.before).toEqual(['      - NET_RAW', '      - MKNOD   # the laptop kept these']);
    expect(change.after).toEqual(['      - ALL   # the laptop kept these']);
    applyAdopt(project(), 'api', 'cap_drop', change.hash);
    expect(project().model.services.api?.capDrop?.value).toEqual(['ALL']);
    expect(project().model.services.api?.environment.LOG_LEVEL?.value).toBe('debug');
  });

  it('replaces a flow list in place, its comment kept', () => {
    const text = lines(
      'services:',
      '  api:',
      '    cap_add: [NET_ADMIN, SYS_TIME]  # why',
      '    image: x',
    );
    const edit = editAdoptText(text, 'compose.yaml', {
      service: 'api',
      keys: ['cap_add'],
      value: ['NET_BIND_SERVICE'],
      devValue: null,
      dev: { file: 'compose.yaml', line: 3, column: 14 },
    });
    expect(edit.after).toEqual(['    cap_add: [NET_BIND_SERVICE]  # why']);
  });

  it('refuses a list written through interpolation, naming file and line', () => {
    const text = lines('services:', '  api:', "    cap_add: ['${CAP}']");
    expect(() =>
      editAdoptText(text, 'compose.yaml', {
        service: 'api',
        keys: ['cap_add'],
        value: ['NET_BIND_SERVICE'],
        devValue: null,
        dev: { file: 'compose.yaml', line: 3, column: 14 },
      }),
    ).toThrow(/^compose\.yaml:3: cap_add is written through interpolation/);
  });
});
