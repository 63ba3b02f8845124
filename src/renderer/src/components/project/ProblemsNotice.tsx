import { useState } from 'react';
import type { Problem } from '../../../../shared/projects';
import { dismissalKey, groupProblems } from './problem-groups';
import './problems-notice.css';

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

function isDismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

/**
 * The problems in a project's files as one line with their count, so a big project's graph
 * stays in the first screen: identical messages grouped, the list one click away. Warnings
 * can be dismissed until the files change; errors stay.
 */
export function ProblemsNotice({
  project,
  problems,
}: {
  project: string;
  problems: readonly Problem[];
}) {
  const key = dismissalKey(project, problems);
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(() => (isDismissed(key) ? key : null));
  const groups = groupProblems(problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0 || (errors === 0 && dismissed === key)) return null;

  const counts = [
    errors > 0 && plural(errors, 'error'),
    warnings > 0 && plural(warnings, 'warning'),
  ]
    .filter(Boolean)
    .join(' and ');
  const kinds = groups.length < problems.length ? ` (${plural(groups.length, 'kind')})` : '';
  const dismiss = (): void => {
    try {
      localStorage.setItem(key, '1');
    } catch {
      // Private mode: dismissed for this view only.
    }
    setDismissed(key);
  };
  const listId = `problems-${key.replace(/[^a-z0-9]/gi, '')}`;
  return (
    <section
      className={`problems${errors > 0 ? ' problems-has-error' : ''}`}
      aria-label="Problems in the project files"
    >
      <div className="problems-line">
        <span className={errors > 0 ? 'problem-error' : undefined}>
          {counts} in the project files{kinds}
          {!open && groups[0] ? `: ${groups[0].message}` : ''}
        </span>
        <span className="problems-buttons">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide' : 'Show all'}
          </button>
          {errors === 0 && (
            <button type="button" onClick={dismiss} title="Hidden until the project files change">
              Dismiss
            </button>
          )}
        </span>
      </div>
      {open && (
        <ul id={listId}>
          {groups.map((group) => (
            <li key={`${group.severity}:${group.message}`} className={`problem-${group.severity}`}>
              {group.count > 1 && <span className="problem-count">{group.count} × </span>}
              {group.message}
              {group.places.length > 0 && (
                <span className="problem-places mono"> — {group.places.join(', ')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
