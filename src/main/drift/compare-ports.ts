import type { Severity } from '../../shared/drift';
import type { ServiceModel } from '../../shared/model';
import type { CompareContext, RawFinding } from './compare-service';
import {
  exposureOf,
  isOutside,
  isServicePort,
  outsideText,
  portsByTarget,
  portText,
  type PortMappings,
} from './port-layers';

type Raw = RawFinding;

/** The finding path of a port's in-cluster layer: `ports.8080/tcp.service`. */
export const servicePortPath = (port: string): string => `ports.${port}.service`;

/** The finding path of a port's outside layer: `ports.8080/tcp.outside`. */
export const outsidePortPath = (port: string): string => `ports.${port}.outside`;

interface Layer {
  path: string;
  kind: Raw['kind'];
  severity: Severity;
  rule: string;
  dev: { text: string; mappings: PortMappings } | null;
  prod: { text: string; mappings: PortMappings } | null;
  expected?: string;
}

/**
 * A service's ports in three layers, each reported on its own:
 * 1. listening (`ports.8080/tcp`): the container ports. A port one side listens on and the
 *    other does not is drift, once that other side declares any port at all; a Compose service
 *    that declares none is reached by name on whatever it listens on, so a production port
 *    reached through a ClusterIP Service alone is then expected.
 * 2. in-cluster (`ports.8080/tcp.service`): the port clients use by service name. Compose
 *    clients use the container port; a Service forwarding another port number to it (80 to
 *    8080) reaches the same container port: expected, shown so that the values naming it
 *    can be grouped under it.
 * 3. outside (`ports.8080/tcp.outside`): a host port, NodePort (its node port or random),
 *    LoadBalancer. Published on the laptop while production keeps it internal is how a laptop
 *    reaches a service without a cluster network: expected. Exposed outside in production
 *    otherwise than on the laptop (another kind or another number), or only there, is drift.
 */
export function comparePorts(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: Raw[],
  ctx: CompareContext,
): void {
  const devPorts = portsByTarget(dev);
  const prodPorts = portsByTarget(prod);
  const push = (layer: Layer): void => {
    findings.push({
      service: name,
      path: layer.path,
      kind: layer.kind,
      category: 'ports',
      severity: layer.severity,
      rule: layer.rule,
      secret: false,
      dev: {
        value: layer.dev?.text ?? null,
        source: layer.dev?.mappings[0]?.source ?? null,
      },
      prod: {
        value: layer.prod?.text ?? null,
        source: layer.prod?.mappings[0]?.source ?? null,
      },
      ...(layer.expected === undefined ? {} : { expected: layer.expected }),
    });
  };
  const side = (port: string, mappings: PortMappings | undefined) =>
    mappings ? { text: portText(port, mappings), mappings } : null;
  for (const port of new Set([...devPorts.keys(), ...prodPorts.keys()])) {
    const d = devPorts.get(port);
    const p = prodPorts.get(port);
    if (d && p) {
      ctx.onEquivalent?.(`ports.${port}`);
      const layers = [serviceLayer(port, d, p), outsideLayer(port, d, p)];
      for (const layer of layers) {
        if (layer) push(layer);
        else ctx.onEquivalent?.(`ports.${port}`);
      }
    } else if (d) {
      push({
        path: `ports.${port}`,
        kind: 'only-dev',
        severity: 'warning',
        rule: 'the laptop listens on a container port production does not declare',
        dev: side(port, d),
        prod: null,
      });
    } else if (p) {
      push(onlyProd(port, p, devPorts.size > 0));
    }
  }
}

// A port only production declares.
function onlyProd(port: string, p: PortMappings, devDeclares: boolean): Layer {
  const prod = { text: portText(port, p), mappings: p };
  const listening = (rule: string, expected?: string): Layer => ({
    path: `ports.${port}`,
    kind: 'only-prod',
    severity: expected === undefined ? 'warning' : 'info',
    rule,
    dev: null,
    prod,
    ...(expected === undefined ? {} : { expected }),
  });
  // The laptop declares what it listens on, and not this: a port production adds (metrics, admin).
  if (devDeclares) return listening('production listens on a container port the laptop does not');
  const outside = p.filter((m) => isOutside(m.value));
  if (outside.length > 0) {
    return {
      path: outsidePortPath(port),
      kind: 'only-prod',
      severity: 'warning',
      rule: 'production exposes it outside the cluster; the laptop does not publish it',
      dev: null,
      prod: { text: portText(port, outside), mappings: outside },
    };
  }
  if (p.every((m) => exposureOf(m.value) === 'cluster')) {
    return listening(
      'production reaches it through a ClusterIP Service',
      'a ClusterIP Service reaches it inside the cluster, as Compose reaches a service by name',
    );
  }
  return listening('production declares a container port nothing forwards to');
}

// The in-cluster layer of a port both sides listen on: the port clients name it by.
function serviceLayer(port: string, d: PortMappings, p: PortMappings): Layer | null {
  const target = String(d[0]?.value.target ?? '');
  const services = p.filter((m) => isServicePort(m.value));
  if (services.length === 0 || services.some((m) => m.value.published === target)) return null;
  const names = [...new Set(services.map((m) => m.value.service?.name ?? 'its Service'))];
  return {
    path: servicePortPath(port),
    kind: 'changed',
    severity: 'info',
    rule: 'clients in the cluster use the Service port, not the container port',
    dev: { text: `${port}: reached by service name at ${target}`, mappings: d },
    prod: { text: portText(port, services), mappings: services },
    expected:
      `${names.join(', ')} forwards ${services.map((m) => m.value.published).join(', ')} to ` +
      `${target}: clients that use the Service name reach the same container port`,
  };
}

// The outside layer of a port both sides listen on.
function outsideLayer(port: string, d: PortMappings, p: PortMappings): Layer | null {
  const devOut = d.filter((m) => isOutside(m.value));
  const prodOut = p.filter((m) => isOutside(m.value));
  if (devOut.length === 0 && prodOut.length === 0) return null;
  const texts = (mappings: PortMappings): string =>
    [...new Set(mappings.map((m) => outsideText(m.value)))].sort().join(', ');
  const path = outsidePortPath(port);
  if (prodOut.length === 0) {
    return {
      path,
      kind: 'only-dev',
      severity: 'info',
      rule: 'published on the laptop; production keeps it inside the cluster',
      dev: { text: portText(port, devOut), mappings: devOut },
      prod: { text: `${portText(port, p)} (internal)`, mappings: p },
      expected: 'published on the laptop for local access; production keeps the service internal',
    };
  }
  if (devOut.length === 0) {
    return {
      path,
      kind: 'only-prod',
      severity: 'warning',
      rule: 'production exposes it outside the cluster; the laptop does not publish it',
      dev: { text: portText(port, d), mappings: d },
      prod: { text: portText(port, prodOut), mappings: prodOut },
    };
  }
  if (texts(devOut) === texts(prodOut)) return null;
  return {
    path,
    kind: 'changed',
    severity: 'info',
    rule: 'exposed outside differently',
    dev: { text: portText(port, devOut), mappings: devOut },
    prod: { text: portText(port, prodOut), mappings: prodOut },
  };
}
