import type { Finding, Side } from '../../../../shared/drift';
import { AdoptButton } from './AdoptButton';
import { findingName, kindText, sidePosition, sideValue, type Grouping } from './drift-model';

/**
 * One group of findings: severity, field, both sides with where they are written, status.
 * `sides` names the columns (dev/production, declared/running, local/lock); without
 * `onAccept` a finding in drift offers no "Accept…".
 */
export function FindingsTable({
  findings,
  grouping,
  sides = { dev: 'dev', prod: 'production' },
  onAccept,
}: {
  findings: readonly Finding[];
  grouping: Grouping;
  sides?: { dev: string; prod: string };
  onAccept?: (finding: Finding) => void;
}) {
  return (
    <table className="drift-table">
      <FindingsHead sides={sides} />
      <tbody>
        {findings.map((finding) => (
          <FindingRow
            key={`${finding.service}\n${finding.path}`}
            finding={finding}
            // Grouped by category, the service is not in the heading: name it in the row.
            name={grouping === 'service' ? finding.path : findingName(finding)}
            onAccept={onAccept}
          />
        ))}
      </tbody>
    </table>
  );
}

/** The column headings of a table of findings, its sides named as `sides` names them. */
export function FindingsHead({ sides }: { sides: { dev: string; prod: string } }) {
  return (
    <thead>
      <tr>
        <th scope="col">Severity</th>
        <th scope="col">Field</th>
        <th scope="col">{capitalized(sides.dev)}</th>
        <th scope="col">{capitalized(sides.prod === 'prod' ? 'production' : sides.prod)}</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
  );
}

/** One finding's row; `follows` (a symptom's "↳ follows from …") leads its field cell. */
export function FindingRow({
  finding,
  name,
  onAccept,
  follows,
}: {
  finding: Finding;
  name: string;
  onAccept: ((finding: Finding) => void) | undefined;
  follows?: string;
}) {
  return (
    <tr className={`drift-row drift-status-${finding.status}${follows ? ' drift-symptom' : ''}`}>
      <td>
        <span className={`badge severity-${finding.severity}`}>{finding.severity}</span>
      </td>
      <td className="drift-field">
        {follows && <span className="drift-follows">{follows}</span>}
        <code>{name}</code>
        <span className="drift-meta">
          {kindText(finding.kind)} · {finding.rule}
          {finding.secret && ' · secret'}
          {finding.cause && ` · ${finding.cause}`}
        </span>
      </td>
      <SideCell finding={finding} side={finding.dev} />
      <SideCell finding={finding} side={finding.prod} />
      <td className="drift-status">
        <StatusCell finding={finding} name={findingName(finding)} onAccept={onAccept} />
      </td>
    </tr>
  );
}

function SideCell({ finding, side }: { finding: Finding; side: Side }) {
  const value = sideValue(finding, side);
  const position = sidePosition(side);
  return (
    <td className="drift-side">
      {value === null ? (
        <span className="drift-absent">absent</span>
      ) : (
        <code className={finding.secret ? 'drift-secret' : undefined}>{value}</code>
      )}
      {position !== null && <span className="drift-position">{position}</span>}
    </td>
  );
}

function StatusCell({
  finding,
  name,
  onAccept,
}: {
  finding: Finding;
  name: string;
  onAccept: ((finding: Finding) => void) | undefined;
}) {
  if (finding.status === 'drift') {
    return (
      <>
        {onAccept && (
          <button type="button" onClick={() => onAccept(finding)} aria-label={`Accept ${name}…`}>
            Accept…
          </button>
        )}
        <AdoptButton finding={finding} />
        {/* A drift finding with a reason is one whose acceptance expired. */}
        {finding.reason && <span className="drift-reason">{finding.reason}</span>}
      </>
    );
  }
  return (
    <>
      <span className={`badge status-${finding.status}`}>{finding.status}</span>
      {finding.reason && <span className="drift-reason">{finding.reason}</span>}
    </>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
