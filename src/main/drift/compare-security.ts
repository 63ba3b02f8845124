import { capabilitiesWithin } from '../../shared/capabilities';
import type { Severity } from '../../shared/drift';
import type { Field, ServiceModel } from '../../shared/model';
import type { CompareContext, RawFinding } from './compare-service';

/**
 * Capabilities, the read-only root filesystem and privileged mode of a pair. Both sides are
 * normalized already (`all` = `ALL` = `CAP_ALL`, order and repeats irrelevant); `read_only:
 * false` and `privileged: false` are the same as not writing them; a list with `ALL` covers any
 * other list. The rule for severity: production looser than the laptop (it adds a capability
 * the laptop does not, drops fewer, its root filesystem is writable where the laptop's is
 * read-only, or it runs privileged where the laptop does not) is a warning, as the hardening
 * seen on the laptop is not there in production; production stricter is info, as the laptop
 * may then miss a failure only production shows.
 */
export function compareSecurity(
  name: string,
  dev: ServiceModel,
  prod: ServiceModel,
  findings: RawFinding[],
  ctx: CompareContext,
): void {
  const push = (
    path: string,
    severity: Severity,
    rule: string,
    devSide: { value: string; field: Field<unknown> } | null,
    prodSide: { value: string; field: Field<unknown> } | null,
  ): void => {
    findings.push({
      service: name,
      path,
      kind: !prodSide ? 'only-dev' : !devSide ? 'only-prod' : 'changed',
      category: 'security',
      severity,
      rule,
      secret: false,
      dev: { value: devSide?.value ?? null, source: devSide?.field.source ?? null },
      prod: { value: prodSide?.value ?? null, source: prodSide?.field.source ?? null },
    });
  };
  const caps = (
    path: 'cap_add' | 'cap_drop',
    devField: Field<string[]> | null,
    prodField: Field<string[]> | null,
    looser: (devCaps: string[], prodCaps: string[]) => boolean,
    rules: { looser: string; stricter: string },
  ): void => {
    if (!devField && !prodField) return;
    const d = devField?.value ?? [];
    const p = prodField?.value ?? [];
    if (capabilitiesWithin(d, p) && capabilitiesWithin(p, d)) {
      ctx.onEquivalent?.(path);
      return;
    }
    const side = (field: Field<string[]> | null) =>
      field ? { value: field.value.join(', '), field } : null;
    const isLooser = looser(d, p);
    push(
      path,
      isLooser ? 'warning' : 'info',
      isLooser ? rules.looser : rules.stricter,
      side(devField),
      side(prodField),
    );
  };
  caps('cap_add', dev.capAdd, prod.capAdd, (d, p) => !capabilitiesWithin(p, d), {
    looser: 'production adds capabilities the laptop does not',
    stricter: 'the laptop adds capabilities production does not',
  });
  caps('cap_drop', dev.capDrop, prod.capDrop, (d, p) => !capabilitiesWithin(d, p), {
    looser: 'production keeps capabilities the laptop drops',
    stricter: 'production drops capabilities the laptop keeps',
  });

  // Flags where true is the looser setting (privileged) or the stricter one (read_only); false
  // is the same as not writing them. An explicit false is shown, with its line.
  const flag = (
    path: 'read_only' | 'privileged',
    devField: Field<boolean> | null,
    prodField: Field<boolean> | null,
    shown: (on: boolean) => string,
    trueIsStricter: boolean,
    rules: { looser: string; stricter: string },
  ): void => {
    const d = devField?.value === true;
    const p = prodField?.value === true;
    if (d === p) {
      if (d) ctx.onEquivalent?.(path);
      return;
    }
    const prodLooser = trueIsStricter ? d : p;
    const side = (field: Field<boolean> | null) =>
      field ? { value: shown(field.value), field } : null;
    push(
      path,
      prodLooser ? 'warning' : 'info',
      prodLooser ? rules.looser : rules.stricter,
      side(devField),
      side(prodField),
    );
  };
  flag('read_only', dev.readOnly, prod.readOnly, (on) => (on ? 'read-only' : 'writable'), true, {
    looser: "production's root filesystem is writable; the laptop's is read-only",
    stricter: "production's root filesystem is read-only; the laptop's is writable",
  });
  flag(
    'privileged',
    dev.privileged,
    prod.privileged,
    (on) => (on ? 'privileged' : 'unprivileged'),
    false,
    {
      looser:
        'production runs privileged (every device and capability of the host); the laptop does not',
      stricter: 'the laptop runs privileged; production does not',
    },
  );
}
