import type { Category, Finding, Severity } from '../../shared/drift';
import type { Field, ServiceModel } from '../../shared/model';
import { compareHealth } from './compare-health';
import { comparePorts } from './compare-ports';
import { compareResources } from './compare-resources';
import { compareSecurity } from './compare-security';
import { compareSidecars } from './compare-sidecars';
import { compareVolumes } from './compare-volumes';
import type { Resolve } from './discovery';
import { comparableArgv, sameEnvValue, sameLaunch } from './equal-values';

/**
 * A finding before parity.yaml's rules; `expected` (the reason) marks a difference inherent to
 * the two platforms, reported with status `expected` unless a rule covers it.
 */
export type RawFinding = Omit<Finding, 'status' | 'reason'> & { expected?: string };
type Raw = RawFinding;

interface Rules {
  changed: [Severity, string];
  onlyDev: [Severity, string];
  onlyProd: [Severity, string];
}

/** What comparing one pair needs besides the two services. */
export interface CompareContext {
  /** Env keys whose values are secret on either side: shown only as "same" / "differs". */
  secretKeys: ReadonlySet<string>;
  /** Called once for every field both sides set to the same value (after normalization). */
  onEquivalent?: (path: string) => void;
  /** Production sidecars paired with dev services of their own: compared there, not here. */
  claimedSidecars?: ReadonlySet<string>;
  /** The dev service a production host (and port) names, by the pairing; null for none. */
  resolveHost?: Resolve;
}

/** Every difference between a dev service and its production counterpart. */
export function compareService(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  ctx: CompareContext,
): Raw[] {
  const findings: Raw[] = [];
  const add = <T>(
    path: string,
    category: Category,
    devField: Field<T> | null,
    prodField: Field<T> | null,
    show: (value: T) => string,
    rules: Rules,
    secret = false,
    same?: (dev: T, prod: T) => boolean,
  ): void => {
    if (!devField && !prodField) return;
    const devText = devField ? show(devField.value) : null;
    const prodText = prodField ? show(prodField.value) : null;
    if (
      devText === prodText ||
      (devField && prodField && same?.(devField.value, prodField.value))
    ) {
      ctx.onEquivalent?.(path);
      return;
    }
    const kind = !prodField ? 'only-dev' : !devField ? 'only-prod' : 'changed';
    const [severity, rule] =
      kind === 'changed' ? rules.changed : kind === 'only-dev' ? rules.onlyDev : rules.onlyProd;
    // Secret values never leave this function: only whether they are the same.
    const shown = (text: string | null): string | null =>
      text === null ? null : secret ? 'differs' : text;
    findings.push({
      service: name,
      path,
      kind,
      category,
      severity,
      rule,
      secret,
      dev: { value: shown(devText), source: devField?.source ?? null },
      prod: { value: shown(prodText), source: prodField?.source ?? null },
    });
  };

  const before = findings.length;
  compareImage(name, dev, prod, findings);
  if (findings.length === before && dev.image && prod.image) ctx.onEquivalent?.('image');
  const keys = new Set([...Object.keys(dev.environment), ...Object.keys(prod.environment)]);
  for (const key of keys) {
    add(
      `env.${key}`,
      'env',
      dev.environment[key] ?? null,
      prod.environment[key] ?? null,
      (v) => v,
      {
        changed: ['warning', 'an environment value differs'],
        onlyDev: ['info', 'set only on the laptop'],
        onlyProd: ['warning', 'production sets a variable the laptop lacks'],
      },
      ctx.secretKeys.has(key),
      sameEnvValue,
    );
  }
  const launch = (s: ServiceModel) => ({
    entrypoint: s.entrypoint?.value ?? null,
    command: s.command?.value ?? null,
  });
  if (sameLaunch(launch(dev), launch(prod))) {
    ctx.onEquivalent?.('command');
  } else {
    const join = (v: string[]): string => JSON.stringify(v);
    const same = (a: string[], b: string[]): boolean => comparableArgv(a) === comparableArgv(b);
    add(
      'command',
      'command',
      dev.command,
      prod.command,
      join,
      sameRules('warning', 'the command differs'),
      false,
      same,
    );
    add(
      'entrypoint',
      'command',
      dev.entrypoint,
      prod.entrypoint,
      join,
      sameRules('warning', 'the entrypoint differs'),
      false,
      same,
    );
  }
  add(
    'replicas',
    'resources',
    dev.replicas ?? one(dev),
    prod.replicas ?? one(prod),
    String,
    sameRules('info', 'replica count differs'),
  );
  compareResources(name, dev, prod, findings, ctx);
  add(
    'user',
    'security',
    dev.user,
    prod.user,
    (v) => v,
    sameRules('warning', 'runs as a different user'),
  );
  compareHealth(name, dev, prod, findings, ctx);
  compareSecurity(name, dev, prod, findings, ctx);
  comparePorts(name, dev, prod, findings, ctx);
  compareVolumes(name, dev, prod, findings, ctx);
  compareSidecars(name, dev, prod, findings, ctx);
  return findings;
}

function sameRules(severity: Severity, rule: string): Rules {
  return { changed: [severity, rule], onlyDev: [severity, rule], onlyProd: [severity, rule] };
}

// An absent replica count means one, on both platforms.
function one(service: ServiceModel): Field<number> {
  return { value: 1, source: service.source };
}

/**
 * The images of a pair: a different backing engine or major version is the most severe drift;
 * a tag, a warning; a local build against a pinned production image, a warning saying so.
 */
export function compareImage(
  name: string,
  dev: ServiceModel,
  prod: Pick<ServiceModel, 'image' | 'build'>,
  findings: Raw[],
): void {
  const d = dev.image?.value;
  const p = prod.image?.value;
  const push = (
    path: string,
    severity: Severity,
    rule: string,
    devValue: string | null,
    prodValue: string | null,
  ): void => {
    findings.push({
      service: name,
      path,
      kind: devValue === null ? 'only-prod' : prodValue === null ? 'only-dev' : 'changed',
      category: 'image',
      severity,
      rule,
      secret: false,
      dev: { value: devValue, source: (dev.image ?? dev.build)?.source ?? null },
      prod: { value: prodValue, source: (prod.image ?? prod.build)?.source ?? null },
    });
  };
  if (!d && dev.build && p) {
    push(
      'image',
      'warning',
      'built from source on the laptop, a pinned image in production',
      `build ${dev.build.value.display}`,
      p.raw,
    );
    return;
  }
  if (!d || !p) return;
  const family = (repository: string): string => repository.split('/').at(-1) ?? repository;
  if (family(d.repository) !== family(p.repository)) {
    push('image', 'error', 'a different image (engine) runs in production', d.raw, p.raw);
    return;
  }
  if (d.tag !== p.tag) {
    const major = (tag: string | null): string | null => tag?.match(/^v?(\d+)/)?.[1] ?? null;
    const majorDiffers =
      major(d.tag) !== null && major(p.tag) !== null && major(d.tag) !== major(p.tag);
    push(
      'image.tag',
      majorDiffers ? 'error' : 'warning',
      majorDiffers ? 'a different major version' : 'a different image tag',
      d.tag,
      p.tag,
    );
  }
  if (d.registry !== p.registry)
    push('image.registry', 'info', 'pulled from a different registry', d.registry, p.registry);
}
