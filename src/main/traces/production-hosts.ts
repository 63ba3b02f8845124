import type { LoadedProject } from '../config/load-project';
import { loadProduction } from '../drift/production';
import { productionReaders } from '../drift/readers';
import type { Field, ServiceModel } from '../../shared/model';

// A host name in a value: labels of letters, digits and dashes joined by dots, not inside a
// longer word or a path, with `//` or `@` allowed before it (a URL, user info).
const HOST =
  /(?<![A-Za-z0-9_.-])([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)/g;

/**
 * The host names production's values hold (env values, ConfigMap values it loads, commands,
 * images), each with the file:line of its first appearance. Only dotted names count: a bare
 * word in a value is too often no host. An empty map when there is no production source or it
 * cannot be read (drift reports why).
 */
export function productionHosts(project: LoadedProject): Map<string, string> {
  const hosts = new Map<string, string>();
  if (!project.parity?.production?.length) return hosts;
  const { model } = loadProduction(project, productionReaders);
  for (const service of Object.values(model?.services ?? {})) {
    for (const field of valuesOf(service)) {
      for (const match of field.value.matchAll(HOST)) {
        const host = (match[1] ?? '').toLowerCase();
        // A version (1.2.3) is no host; an IPv4 address is.
        if ((/^[\d.]+$/.test(host) && host.split('.').length !== 4) || hosts.has(host)) continue;
        hosts.set(host, `${field.source.file}:${field.source.line}`);
      }
    }
  }
  return hosts;
}

function valuesOf(service: ServiceModel): Field<string>[] {
  const fields: Field<string>[] = [
    ...Object.values(service.environment),
    ...Object.values(service.labels),
  ];
  for (const list of [service.command, service.entrypoint]) {
    if (list) fields.push(...list.value.map((value) => ({ value, source: list.source })));
  }
  if (service.image) fields.push({ value: service.image.value.raw, source: service.image.source });
  return fields;
}
