import { useId, useState } from 'react';
import type { DriftTarget } from '../../../../shared/api/contract';
import type { Category, Finding, Severity } from '../../../../shared/drift';
import { formatSummaryLine } from '../../../../shared/drift-summary';
import type { Problem } from '../../../../shared/projects';
import type { Connection } from '../../api/connect-api';
import { AcceptDialog, type Acceptance } from './AcceptDialog';
import { withAdopt } from './adopt-context';
import {
  ALL_FINDINGS,
  CATEGORIES,
  SEVERITIES,
  STATUSES,
  filterFindings,
  findingName,
  groupFindings,
  type DriftFilters,
  type Grouping,
  type Status,
} from './drift-model';
import { FindingsTable } from './FindingsTable';
import { RootCauseGroups } from './RootCauseGroups';
import { useDrift } from './use-drift';
import './drift.css';

/** What the report can compare the dev stack with, as the selector names them. */
const TARGETS: readonly { value: DriftTarget; label: string; comparing: string; none: string }[] = [
  {
    value: 'production',
    label: 'Production',
    comparing: 'Comparing the dev stack with production…',
    none: 'No drift: the dev stack matches production.',
  },
  {
    value: 'runtime',
    label: 'Running containers',
    comparing: 'Comparing the files with the running containers…',
    none: 'No drift: the running containers match the files.',
  },
  {
    value: 'lock',
    label: 'Lock file',
    comparing: 'Comparing the local images with parity.lock…',
    none: 'No drift: the local images match parity.lock.',
  },
];

/** The "Group by" choices, as they read. */
const GROUPINGS: Record<Grouping, string> = {
  root: 'Root cause',
  service: 'Service',
  category: 'Category',
};

/**
 * The drift report of a project: every difference between the dev stack and production (or
 * the running containers, or parity.lock: the "Against" selector), led by root causes (each
 * symptom folded under the port, image or name change that explains it, identical findings
 * folded into one row, as the summary counts them), or grouped by service or by category, with severity, both values and where each is written, filters, and "Accept…" to
 * write an accept rule to parity.yaml (production only: the rules apply to nothing else).
 * Refreshed whenever the core says the project's drift changed, and against the running
 * containers whenever they change.
 */
export function DriftView({ connection, project }: { connection: Connection; project: string }) {
  const id = useId();
  const [against, setAgainst] = useState<DriftTarget>('production');
  const { result, error, refresh } = useDrift(connection, project, against);
  const target = TARGETS.find((t) => t.value === against) ?? TARGETS[0]!;
  const [grouping, setGrouping] = useState<Grouping>('root');
  const [filters, setFilters] = useState<DriftFilters>(ALL_FINDINGS);
  const [accepting, setAccepting] = useState<Finding | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Another project: what was under way for the last one no longer applies (filters stay).
  const [shownFor, setShownFor] = useState(project);
  if (shownFor !== project) {
    setShownFor(project);
    setAccepting(null);
    setNotice(null);
  }
  const name = project.split(/[\\/]/).filter(Boolean).at(-1) ?? project;

  const accept = async (finding: Finding, acceptance: Acceptance): Promise<void> => {
    const { file } = await connection.api['drift.accept']({
      project,
      service: finding.service,
      path: finding.path,
      ...acceptance,
    });
    await refresh();
    setAccepting(null);
    const where = file.split(/[\\/]/).at(-1) ?? file;
    setNotice(`Accepted ${findingName(finding)}: the rule is in ${where}.`);
  };

  const toggle = <T,>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const selector = (
    <fieldset className="drift-against">
      <legend>Against</legend>
      {TARGETS.map((t) => (
        <label key={t.value}>
          <input
            type="radio"
            name={`${id}-against`}
            value={t.value}
            checked={against === t.value}
            onChange={() => {
              setAgainst(t.value);
              setAccepting(null);
              setNotice(null);
            }}
          />
          {t.label}
        </label>
      ))}
    </fieldset>
  );

  if (result === null) {
    // The same tree in every state, so the selector is not mounted again on a change.
    return withAdopt(
      null,
      <section className="drift-view" aria-label={`Drift of ${name}`}>
        {selector}
        {error !== null ? (
          <p role="alert" className="drift-error">
            Cannot read the drift report: {error}
          </p>
        ) : (
          <p aria-busy="true">{target.comparing}</p>
        )}
      </section>,
    );
  }

  if (!result.available) {
    return withAdopt(
      null,
      <section className="drift-view" aria-label={`Drift of ${name}`}>
        {selector}
        <div className="drift-unavailable" role="alert" aria-labelledby={`${id}-unavailable`}>
          <h3 id={`${id}-unavailable`}>Drift unavailable</h3>
          <p>{result.reason}</p>
        </div>
        <ProblemList problems={result.problems} />
      </section>,
    );
  }

  const { report, summary, problems } = result;
  const shown = filterFindings(report.findings, filters);
  const groups = groupFindings(shown, grouping);
  const sides = report.comparison?.sides ?? { dev: 'dev', prod: 'production' };
  // parity.yaml's accept rules are written for production: nothing to accept against the rest.
  const acceptable = (report.comparison?.against ?? 'production') === 'production';

  // Adopt writes production's values, so it too is offered against production only.
  return withAdopt(
    acceptable ? { connection, project, onAdopted: refresh } : null,
    <section className="drift-view" aria-label={`Drift of ${name}`}>
      {selector}
      <p className="drift-summary" aria-label="Drift summary">
        {formatSummaryLine(summary, report.comparison?.against ?? 'production')}
      </p>
      {error !== null && (
        <p role="alert" className="drift-error">
          Could not refresh the report: {error}
        </p>
      )}
      <ProblemList problems={problems} />
      <div className="drift-controls">
        <fieldset>
          <legend>Group by</legend>
          {(['root', 'service', 'category'] as const).map((by) => (
            <label key={by}>
              <input
                type="radio"
                name={`${id}-grouping`}
                checked={grouping === by}
                onChange={() => setGrouping(by)}
              />
              {GROUPINGS[by]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Severity</legend>
          {SEVERITIES.map((severity: Severity) => (
            <label key={severity}>
              <input
                type="checkbox"
                checked={filters.severities.has(severity)}
                onChange={(event) =>
                  setFilters({
                    ...filters,
                    severities: toggle(filters.severities, severity, event.target.checked),
                  })
                }
              />
              {severity}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Status</legend>
          {STATUSES.map((status: Status) => (
            <label key={status}>
              <input
                type="checkbox"
                checked={filters.statuses.has(status)}
                onChange={(event) =>
                  setFilters({
                    ...filters,
                    statuses: toggle(filters.statuses, status, event.target.checked),
                  })
                }
              />
              {status}
            </label>
          ))}
        </fieldset>
        <label className="drift-category">
          Category
          <select
            value={filters.category}
            onChange={(event) =>
              setFilters({ ...filters, category: event.target.value as Category | 'all' })
            }
          >
            <option value="all">All categories</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice !== null && (
        <p role="status" className="drift-notice">
          {notice}
        </p>
      )}
      {report.findings.length === 0 ? (
        <p className="drift-empty">{target.none}</p>
      ) : groups.length === 0 ? (
        <p className="drift-empty">No finding matches the filters.</p>
      ) : grouping === 'root' ? (
        <RootCauseGroups
          findings={shown}
          matches={report.matches}
          sides={sides}
          idPrefix={id}
          {...(acceptable
            ? {
                onAccept: (finding: Finding) => {
                  setNotice(null);
                  setAccepting(finding);
                },
              }
            : {})}
        />
      ) : (
        groups.map((group) => (
          <section
            key={group.key}
            className="drift-group"
            aria-labelledby={`${id}-group-${group.key}`}
          >
            <h3 id={`${id}-group-${group.key}`}>
              {group.key} <span className="drift-count">({group.findings.length})</span>
            </h3>
            <FindingsTable
              findings={group.findings}
              grouping={grouping}
              sides={sides}
              {...(acceptable
                ? {
                    onAccept: (finding: Finding) => {
                      setNotice(null);
                      setAccepting(finding);
                    },
                  }
                : {})}
            />
          </section>
        ))
      )}
      {accepting && (
        <AcceptDialog
          finding={accepting}
          onAccept={(acceptance) => accept(accepting, acceptance)}
          onCancel={() => setAccepting(null)}
        />
      )}
    </section>,
  );
}

/** Problems in the project's files, each with where it is. */
function ProblemList({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="drift-problems" aria-label="Problems">
      {problems.map((problem, index) => (
        <li key={index} className={`drift-problem-${problem.severity}`}>
          <span className={`badge severity-${problem.severity}`}>{problem.severity}</span>{' '}
          {problem.position && (
            <code className="drift-position">
              {problem.position.file}:{problem.position.line}:{problem.position.column}
            </code>
          )}{' '}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
