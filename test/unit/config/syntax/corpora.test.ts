import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseBytes, parseCpus } from '../../../../src/main/config/syntax/bytes';
import { parseCommand } from '../../../../src/main/config/syntax/command';
import { normalizeDependsOn } from '../../../../src/main/config/syntax/depends-on';
import { parseDuration } from '../../../../src/main/config/syntax/duration';
import {
  normalizePortLong,
  parsePortShort,
  type PortMapping,
} from '../../../../src/main/config/syntax/ports';
import {
  normalizeVolumeLong,
  parseVolumeShort,
  type VolumeMount,
} from '../../../../src/main/config/syntax/volumes';
import { CORPORA, CORPORA_PRESENT, warnWithoutCorpora } from '../../../support/corpora';

// Real projects' compose files (see the folder's README); shared by the workplace, not the repo.
const DURATIONS = ['interval', 'timeout', 'start_period', 'start_interval'];

type Service = Record<string, unknown>;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

// Every service of every compose file: a YAML document with a top-level services mapping.
function composeServices(): { file: string; name: string; service: Service }[] {
  return yamlFiles(CORPORA).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8')).flatMap((document) => {
      const root: unknown = document.toJS();
      const services = isMap(root) ? root.services : undefined;
      if (!isMap(services)) return [];
      return Object.entries(services).map(([name, service]) => ({
        file,
        name,
        service: service as Service,
      }));
    }),
  );
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function ports(service: Service): PortMapping[] {
  return list(service.ports).flatMap((item) =>
    isMap(item) ? [normalizePortLong(item)] : parsePortShort(item as string | number),
  );
}

function volumes(service: Service): VolumeMount[] {
  return list(service.volumes).map((item) =>
    isMap(item) ? normalizeVolumeLong(item) : parseVolumeShort(item as string),
  );
}

// The corpora sit beside the repository (../shared), as on every machine of this project and
// in CI; on a clone with nothing beside it these tests are skipped, saying why.
warnWithoutCorpora('the real compose files of the corpora');

describe.skipIf(!CORPORA_PRESENT)('the real compose files of the corpora', () => {
  // Read in beforeAll, which a skipped suite does not run (its factory it does).
  let services: ReturnType<typeof composeServices> = [];
  beforeAll(() => {
    services = composeServices();
  });

  it('hold compose services to read', () => {
    expect(new Set(services.map(({ file }) => file)).size).toBeGreaterThanOrEqual(3);
    expect(services.length).toBeGreaterThan(20);
  });

  it('parse every ports, volumes, healthcheck, depends_on, command and resource value', () => {
    let values = 0;
    for (const { service } of services) {
      values += ports(service).length + volumes(service).length;
      const healthcheck = isMap(service.healthcheck) ? service.healthcheck : {};
      for (const key of DURATIONS) {
        if (healthcheck[key] === undefined) continue;
        expect(parseDuration(healthcheck[key] as string)).toBeGreaterThan(0);
        values++;
      }
      if (service.depends_on !== undefined) {
        normalizeDependsOn(service.depends_on as Record<string, unknown>);
        values++;
      }
      for (const key of ['command', 'entrypoint']) {
        if (service[key] === undefined) continue;
        parseCommand(service[key] as string | string[] | null);
        values++;
      }
      for (const key of ['mem_limit', 'shm_size']) {
        if (service[key] !== undefined) parseBytes(service[key] as string | number);
      }
      if (service.cpus !== undefined) parseCpus(service.cpus as string | number);
    }
    expect(values).toBeGreaterThan(20);
  });

  it('read the values the ground truth relies on', () => {
    const find = (name: string) =>
      services.find(
        ({ file, name: n }) => n === name && file.endsWith('example-voting-app/docker-compose.yml'),
      )?.service ?? {};
    expect(ports(find('result'))).toEqual([
      { target: 80, published: '8081', hostIp: null, protocol: 'tcp', mode: 'ingress' },
      { target: 9229, published: '9229', hostIp: '127.0.0.1', protocol: 'tcp', mode: 'ingress' },
    ]);
    expect(volumes(find('db')).map(({ type, source, target }) => [type, source, target])).toEqual([
      ['volume', 'db-data', '/var/lib/postgresql/data'],
      ['bind', './healthchecks', '/healthchecks'],
    ]);
    expect(normalizeDependsOn(find('worker').depends_on as Record<string, unknown>)).toEqual({
      redis: { condition: 'service_healthy', required: true, restart: false },
      db: { condition: 'service_healthy', required: true, restart: false },
    });
    expect(parseDuration((find('vote').healthcheck as Service).start_period as string)).toBe(
      10_000,
    );
    const queueMaster = services.find(({ name }) => name === 'queue-master')?.service ?? {};
    expect(volumes(queueMaster)[0]?.type).toBe('bind');
  });
});
