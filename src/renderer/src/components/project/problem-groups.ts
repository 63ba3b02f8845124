import type { Problem } from '../../../../shared/projects';

/** Problems that say the same thing, with every place they were found. */
export interface ProblemGroup {
  severity: Problem['severity'];
  message: string;
  /** `file:line:column` of each, in the order found. */
  places: string[];
  count: number;
}

/** Groups identical messages (one per service on a big project) into one, errors first. */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const problem of problems) {
    // The same finding in each service (`unknown key "x" in service "api"`) is one group.
    const message = problem.message.replace(/\bin service "[^"]*"/g, 'in a service');
    const key = `${problem.severity}\u0000${message}`;
    let group = groups.get(key);
    if (!group) {
      group = { severity: problem.severity, message, places: [], count: 0 };
      groups.set(key, group);
    }
    group.count++;
    const { position } = problem;
    if (position) group.places.push(`${position.file}:${position.line}:${position.column}`);
  }
  return [...groups.values()].sort(
    (a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'),
  );
}

/**
 * What a dismissal is tied to: the project and the exact problems of this version of its
 * files. An edit that changes them brings the notice back.
 */
export function dismissalKey(project: string, problems: readonly Problem[]): string {
  let hash = 0;
  for (const char of JSON.stringify(problems))
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return `parity.problems-dismissed:${project}:${(hash >>> 0).toString(36)}`;
}
