import type { SourcePosition } from '../../../shared/diagnostics';
import type { IngressRoute } from '../../../shared/model';
import type { NodeReader } from '../../config/node-reader';
import type { YMap, YNode } from '../../config/yaml-tree';
import { sameNamespace, type K8sObject } from './objects';
import type { K8sService } from './service-ports';
import { child, items } from './tree';

/** One Ingress rule path (or its default backend): the host and path it routes to a Service port. */
interface Route {
  route: IngressRoute;
  service: string;
  /** The Service port, by number or by name. */
  port: number | string | null;
  source: SourcePosition;
}

/**
 * Joins each Ingress (networking.k8s.io/v1, and the older `serviceName`/`servicePort` form) to
 * the Service ports its rules route to: the port's `ingress` lists the host and path the outside
 * world reaches it by. A backend naming a Service or a port the inputs lack is a warning at the
 * backend; a resource backend (not a Service) is not an exposure of any service.
 */
export function joinIngresses(
  objects: readonly K8sObject[],
  services: readonly K8sService[],
  reader: NodeReader,
): void {
  // By name: each route looks among the Services of its name, not among all of them.
  const byName = new Map<string | null, K8sService[]>();
  for (const s of services) {
    const named = byName.get(s.object.name);
    if (named) named.push(s);
    else byName.set(s.object.name, [s]);
  }
  for (const object of objects) {
    if (object.kind !== 'Ingress') continue;
    for (const r of readRoutes(object, reader)) {
      const service = byName
        .get(r.service)
        ?.find((s) => sameNamespace(s.object.namespace, object.namespace));
      const port = service?.ports.find((p) =>
        typeof r.port === 'number' ? p.port === r.port : r.port === null || p.name === r.port,
      );
      if (!service || !port) {
        const what = service
          ? `port ${r.port ?? '(none)'} of Service "${r.service}"`
          : `Service "${r.service}"`;
        reader.report(
          'warning',
          `found Ingress "${object.name}" routing ${r.route.host ?? '*'}${r.route.path ?? '/'} to ${what}, which the manifests do not define; expected a Service port of these manifests`,
          r.source,
        );
        continue;
      }
      port.ingress.push(r.route);
    }
  }
}

// Every rule path of an Ingress, then its default backend (any host, any path).
function readRoutes(object: K8sObject, reader: NodeReader): Route[] {
  const where = `Ingress "${object.name}"`;
  const spec = reader.map(child(object.node, 'spec'), `${where} spec`);
  const routes: Route[] = [];
  const add = (host: string | null, path: string | null, backendNode: YNode | undefined): void => {
    const backend = reader.map(backendNode, `${where} backend`);
    if (!backend) return;
    const target = backendOf(backend, reader, where);
    if (!target) return;
    routes.push({
      route: { name: object.name ?? '', host, path },
      ...target,
      source: backend.pos,
    });
  };
  for (const item of items(child(spec, 'rules'), `${where} spec.rules`, reader)) {
    const rule = reader.map(item, `${where} spec.rules[]`);
    const host = reader.string(child(rule, 'host'), `${where} rules[].host`);
    const http = reader.map(child(rule, 'http'), `${where} rules[].http`);
    for (const entry of items(child(http, 'paths'), `${where} rules[].http.paths`, reader)) {
      const path = reader.map(entry, `${where} rules[].http.paths[]`);
      const text = reader.string(child(path, 'path'), `${where} paths[].path`);
      add(host, text, child(path, 'backend'));
    }
  }
  // v1 `defaultBackend`, v1beta1 `backend`.
  add(null, null, child(spec, 'defaultBackend') ?? child(spec, 'backend'));
  return routes;
}

// A backend's Service and port: v1 `service: {name, port: {number | name}}`, v1beta1
// `serviceName` and `servicePort`. Null for a resource backend.
function backendOf(
  backend: YMap,
  reader: NodeReader,
  where: string,
): Pick<Route, 'service' | 'port'> | null {
  const service = reader.map(child(backend, 'service'), `${where} backend.service`);
  if (service) {
    const name = reader.string(child(service, 'name'), `${where} backend.service.name`);
    const port = reader.map(child(service, 'port'), `${where} backend.service.port`);
    const number = reader.integer(child(port, 'number'), `${where} backend.service.port.number`);
    const portName = reader.string(child(port, 'name'), `${where} backend.service.port.name`);
    if (name === null) {
      reader.report('error', `found ${where} backend.service without a name`, service.pos);
      return null;
    }
    return { service: name, port: number ?? portName };
  }
  const legacy = reader.string(child(backend, 'serviceName'), `${where} backend.serviceName`);
  if (legacy === null) return null;
  const port = reader.string(child(backend, 'servicePort'), `${where} backend.servicePort`);
  return {
    service: legacy,
    port: port === null ? null : /^\d+$/.test(port) ? Number(port) : port,
  };
}
