import type { DriftReport, Finding, Side } from './drift';
import { isSecretName, maskUrlCredentials } from './secrets';

/** A variable whose value a project's files took from the process environment (not .env files). */
export interface ShellValue {
  name: string;
  value: string;
}

// A shell value shorter than this is replaced only where it is a side's whole value: replacing
// "1" or "80" inside every other value would name the wrong variable everywhere.
const MIN_INSIDE = 4;

// Field paths whose last part is a name the secret rule judges.
const NAMED = /^(?:env|labels|build\.args)\.(.+)$/;

/**
 * A finding as every report shows it: a secret (by its name, or marked so by the comparison:
 * a Kubernetes Secret reference, a snapshot's hash) only as "same"/"differs", the values the
 * shell's environment gave as `${NAME}`, the passwords of URLs masked.
 */
export function redactFinding(finding: Finding, shell: readonly ShellValue[] = []): Finding {
  const name = NAMED.exec(finding.path)?.[1];
  const secret = finding.secret || (name !== undefined && isSecretName(name));
  const side = ({ value, source }: Side): Side => ({
    value: value === null ? null : secret ? secretText(value) : shownText(value, shell),
    source,
  });
  const dev = side(finding.dev);
  const prod = side(finding.prod);
  // Two different values may show the same once masked (`postgres://app:****@db`): say so.
  if (
    !secret &&
    dev.value !== null &&
    dev.value === prod.value &&
    finding.dev.value !== finding.prod.value
  ) {
    dev.value = `${dev.value} (the masked part differs)`;
    prod.value = `${prod.value} (the masked part differs)`;
  }
  return { ...finding, secret, dev, prod };
}

/** A report with every finding redacted (redactFinding): what the CLI prints and the API sends. */
export function redactReport(report: DriftReport, shell: readonly ShellValue[] = []): DriftReport {
  return { ...report, findings: report.findings.map((f) => redactFinding(f, shell)) };
}

/** A value that is not secret by name, with what the shell gave and URL passwords masked. */
export function shownText(value: string, shell: readonly ShellValue[]): string {
  let out = value;
  // Longest first, so a value that holds a shorter one is replaced whole.
  for (const { name, value: given } of [...shell].sort((a, b) => b.value.length - a.value.length)) {
    if (given === '') continue;
    if (out === given) return `\${${name}}`;
    if (given.length >= MIN_INSIDE) out = out.split(given).join(`\${${name}}`);
  }
  return maskUrlCredentials(out);
}

// A comparison already says "same"/"differs" for a secret; anything else it said is replaced.
function secretText(value: string): string {
  return value === 'same' ? 'same' : 'differs';
}
