import type { Field, ServiceModel, Sidecar } from '../../shared/model';
import { compareInit } from './compare-init';
import type { CompareContext, RawFinding } from './compare-service';

/**
 * The other containers of the pair's pods (sidecars and init containers), by name: one found
 * on one side only is a topology difference of the service, at the container's position.
 * A production container named like the dev service is skipped: it is the container the pair
 * was made by (matching by container name), not something beside it; so are those paired with
 * a dev service of their own (`claimed`), compared there. An init container only production
 * runs is read for what it does (compare-init.ts): a wait for other services, or work.
 */
export function compareSidecars(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: RawFinding[],
  ctx: CompareContext,
): void {
  const names = new Set([...Object.keys(dev.sidecars), ...Object.keys(prod.sidecars)]);
  names.delete(dev.name);
  for (const claimed of ctx.claimedSidecars ?? []) names.delete(claimed);
  for (const container of names) {
    const d = dev.sidecars[container] ?? null;
    const p = prod.sidecars[container] ?? null;
    const devText = d && describeSidecar(d.value);
    const prodText = p && describeSidecar(p.value);
    const path = `sidecars.${container}`;
    if (!d && p?.value.role === 'init') {
      findings.push(compareInit(name, dev, container, p, ctx));
      continue;
    }
    if (devText === prodText) {
      ctx.onEquivalent?.(path);
      continue;
    }
    findings.push({
      service: name,
      path,
      kind: !p ? 'only-dev' : !d ? 'only-prod' : 'changed',
      category: 'topology',
      // A container that runs beside the service or before it changes what runs: a warning
      // either way, as a service the laptop lacks is.
      severity: 'warning',
      rule: ruleFor(d, p),
      secret: false,
      dev: { value: devText, source: d?.source ?? null },
      prod: { value: prodText, source: p?.source ?? null },
    });
  }
}

function ruleFor(dev: Field<Sidecar> | null, prod: Field<Sidecar> | null): string {
  if (dev && prod) return 'the container beside it differs';
  const role = (dev ?? prod)?.value.role === 'init' ? 'an init container' : 'a sidecar container';
  return dev
    ? `the laptop runs ${role} production does not`
    : `production runs ${role} the laptop does not`;
}

// `sidecar kbudde/rabbitmq-exporter, port 9090/tcp`: what it is, not where.
function describeSidecar(sidecar: Sidecar): string {
  const ports = sidecar.ports.length > 0 ? `, port ${sidecar.ports.join(', ')}` : '';
  return `${sidecar.role} ${sidecar.image ?? '(no image)'}${ports}`;
}
