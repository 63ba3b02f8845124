import type { Field, ServiceModel, Sidecar } from '../../shared/model';
import type { CompareContext, RawFinding } from './compare-service';
import { readInitWork, type WaitTarget } from './init-wait';

/**
 * A production init container the laptop has nothing of that name for. One that only waits for
 * other services (an nc, wget, pg_isready loop) is how Kubernetes orders startup, the
 * counterpart of Compose's `depends_on`: expected where the laptop's service depends on each
 * service it waits for, drift (info) where the laptop starts it without waiting. One that does
 * other work (a migration, a copy) is work production does before the service starts.
 */
export function compareInit(
  service: string,
  dev: ServiceModel,
  name: string,
  init: Field<Sidecar>,
  ctx: CompareContext,
): RawFinding {
  const container = init.value.container;
  const argv = [...(container?.entrypoint?.value ?? []), ...(container?.command?.value ?? [])];
  const work = readInitWork(argv, init.value.image);
  const image = init.value.image ?? '(no image)';
  const base = {
    service,
    path: `sidecars.${name}`,
    category: 'topology' as const,
    secret: false,
  };
  if (work.kind !== 'wait') {
    const what = work.kind === 'work' ? `: ${work.command}` : '';
    return {
      ...base,
      kind: 'only-prod',
      severity: 'warning',
      rule: 'production runs work before it starts (an init container) that the laptop does not',
      dev: { value: null, source: null },
      prod: { value: `init ${image}${what}`, source: init.source },
    };
  }
  const waits = work.targets.map((target) => ({ target, on: dependencyOf(target, dev, ctx) }));
  const hosts = work.targets.map(hostText).join(', ');
  const prod = {
    value: `init container ${name} waits for ${hosts} (${[...new Set(work.targets.map((t) => t.tool))].join(', ')})`,
    source: init.source,
  };
  const missing = waits.filter((w) => w.on !== null && w.on.dependency === null);
  if (missing.length > 0) {
    const names = missing.map((w) => w.on?.service).join(', ');
    return {
      ...base,
      kind: 'only-prod',
      severity: 'info',
      rule: `production waits for ${names} before it starts; the laptop starts it without waiting (no depends_on)`,
      dev: { value: null, source: null },
      prod,
    };
  }
  const deps = waits.flatMap((w) =>
    w.on?.dependency ? [{ ...w.on, dependency: w.on.dependency }] : [],
  );
  const onLaptop = deps.map((d) => `depends_on ${d.service} (${d.dependency.value.condition})`);
  return {
    ...base,
    kind: deps.length > 0 ? 'changed' : 'only-prod',
    severity: 'info',
    rule:
      deps.length > 0
        ? 'waits for its dependencies: an init container in production, depends_on on the laptop'
        : `production waits for ${hosts} before it starts`,
    dev: {
      value: deps.length > 0 ? [...new Set(onLaptop)].join(', ') : null,
      source: deps[0]?.dependency.source ?? null,
    },
    prod,
    expected:
      deps.length > 0
        ? `Kubernetes has no depends_on: an init container that waits for ${hosts} is its counterpart`
        : `an init container that only waits for ${hosts} orders startup; it does no work of its own`,
  };
}

// The dev service a waited-for host is (by the pairing), and the laptop's depends_on on it;
// null when the host is no service compared here.
function dependencyOf(
  target: WaitTarget,
  dev: ServiceModel,
  ctx: CompareContext,
): { service: string; dependency: ServiceModel['dependsOn'][string] | null } | null {
  const endpoint =
    ctx.resolveHost?.(target.host, target.port) ?? ctx.resolveHost?.(target.host, null) ?? null;
  if (!endpoint || endpoint.service === dev.name) return null;
  return { service: endpoint.service, dependency: dev.dependsOn[endpoint.service] ?? null };
}

const hostText = (t: WaitTarget): string => (t.port === null ? t.host : `${t.host}:${t.port}`);
