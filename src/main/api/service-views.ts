import { basename } from 'node:path';
import type { EnvironmentModel, Healthcheck, ServiceModel } from '../../shared/model';
import type { EnvEntry, ServiceView } from '../../shared/projects';
import { shownText, type ShellValue } from '../../shared/redact-report';
import { isSecretName } from '../../shared/secrets';
import type { StackContainer } from '../../shared/stacks';
import { MIRROR_FILE } from '../config/mirror-file';

/** What the engine's inspect adds to a container: its last health check and restarts. */
export interface ContainerRuntime {
  lastHealthCheck: ServiceView['lastHealthCheck'];
  restartCount: number;
}

/** The services of a project for the graph and its details panel, sorted by name. */
export function serviceViews(
  model: EnvironmentModel,
  containers: readonly StackContainer[],
  runtime: ReadonlyMap<string, ContainerRuntime> = new Map(),
  shell: readonly ShellValue[] = [],
): ServiceView[] {
  return Object.values(model.services)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((service) => serviceView(service, containers, runtime, shell));
}

function serviceView(
  service: ServiceModel,
  containers: readonly StackContainer[],
  runtime: ReadonlyMap<string, ContainerRuntime>,
  shell: readonly ShellValue[],
): ServiceView {
  const own = containers.filter((c) => c.service === service.name && !c.oneoff);
  const inspected = own.flatMap((c) => runtime.get(c.id) ?? []);
  return {
    name: service.name,
    image: service.image?.value.raw ?? null,
    build: service.build?.value.context ?? null,
    dependsOn: Object.entries(service.dependsOn).map(([name, { value }]) => ({
      service: name,
      condition: value.condition,
      required: value.required,
    })),
    ports: service.ports.map(({ value }) => ({
      target: value.target,
      published: value.published,
      hostIp: value.hostIp,
      protocol: value.protocol,
    })),
    env: Object.entries(service.environment)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { value }]) => envEntry(name, value, shell)),
    mounts: service.volumes.map(({ value }) => ({
      type: value.type,
      source: value.source,
      target: value.target,
      readOnly: value.readOnly,
    })),
    healthcheck: healthcheckText(service.healthcheck?.value ?? null),
    replicas: service.replicas?.value ?? 1,
    containers: own,
    lastHealthCheck: inspected[0]?.lastHealthCheck ?? null,
    // A service first written in the mirror override is one the laptop's own files lack.
    ...(basename(service.source.file) === MIRROR_FILE ? { fromProduction: true } : {}),
    restartCount: inspected.reduce((sum, r) => sum + r.restartCount, 0),
  };
}

// A secret's value stays in the main process: the renderer learns only that it is set; in any
// other value, what the shell gave and a URL's password are masked as in every report.
function envEntry(name: string, value: string, shell: readonly ShellValue[]): EnvEntry {
  const secret = isSecretName(name);
  return { name, value: secret ? null : shownText(value, shell), secret };
}

function healthcheckText(check: Healthcheck | null): string | null {
  if (!check || check.disable || !check.test) return null;
  const [kind, ...rest] = check.test;
  if (kind === 'NONE') return null;
  return (kind === 'CMD' || kind === 'CMD-SHELL' ? rest : check.test).join(' ');
}
