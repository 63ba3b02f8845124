import type { ReactNode } from 'react';
import type { Finding } from '../../../../shared/drift';
import {
  groupCount,
  groupPath,
  groupValues,
  severityOf,
  type OutlineItem,
} from '../../../../shared/drift-outline';
import { kindText, sideValue } from './drift-model';

/**
 * The row under a root that shows or hides what follows from it: a button naming how many and
 * from what, whose `aria-expanded` says which, controlling the rows with id `controls`.
 */
export function FoldRow({
  label,
  controls,
  expanded,
  onToggle,
}: {
  label: string;
  controls: string;
  expanded: boolean;
  onToggle: () => void;
}) {
  return (
    <tr className="drift-fold">
      <td colSpan={5}>
        <FoldButton expanded={expanded} controls={controls} onToggle={onToggle}>
          {label}
        </FoldButton>
      </td>
    </tr>
  );
}

/** A rename by parity.yaml's `map:` as a root's row: no finding, what the rename is. */
export function RenameRow({
  item,
  title,
}: {
  item: Extract<OutlineItem, { kind: 'rename' }>;
  title: string;
}) {
  const severity = severityOf(item);
  return (
    <tr className="drift-row drift-rename">
      <td>
        <span className={`badge severity-${severity}`}>{severity}</span>
      </td>
      <td className="drift-field" colSpan={4}>
        <code>{item.service}</code>
        <span className="drift-meta">{title}</span>
      </td>
    </tr>
  );
}

/**
 * Identical findings of several services or replicas as one row: the field with how many and
 * where ("×3 (front, orders, cart)", the button that shows each), both sides' values.
 */
export function GroupRow({
  findings,
  controls,
  expanded,
  onToggle,
}: {
  findings: readonly Finding[];
  controls: string;
  expanded: boolean;
  onToggle: () => void;
}) {
  const [first] = findings;
  if (!first) return null;
  const severity = severityOf({ kind: 'group', group: '', findings: [...findings] });
  const path = groupPath(findings);
  const count = groupCount(findings);
  return (
    <tr className={`drift-row drift-group-row drift-status-${first.status}`}>
      <td>
        <span className={`badge severity-${severity}`}>{severity}</span>
      </td>
      <td className="drift-field">
        <code>{path}</code>{' '}
        <FoldButton
          expanded={expanded}
          controls={controls}
          onToggle={onToggle}
          label={`${path} ${count}`}
        >
          {count}
        </FoldButton>
        <span className="drift-meta">
          {kindText(first.kind)} · {first.rule}
          {first.secret && ' · secret'}
        </span>
      </td>
      <GroupSide findings={findings} side="dev" secret={first.secret} />
      <GroupSide findings={findings} side="prod" secret={first.secret} />
      <td className="drift-status">
        {first.status !== 'drift' && (
          <span className={`badge status-${first.status}`}>{first.status}</span>
        )}
      </td>
    </tr>
  );
}

function GroupSide({
  findings,
  side,
  secret,
}: {
  findings: readonly Finding[];
  side: 'dev' | 'prod';
  secret: boolean;
}) {
  // A secret's values are only ever "same" or "differs" on the page, whatever arrives.
  const value = groupValues(
    findings.map((f) => ({ ...f, [side]: { ...f[side], value: sideValue(f, f[side]) } })),
    side,
  );
  return (
    <td className="drift-side">
      {value === null ? (
        <span className="drift-absent">absent</span>
      ) : (
        <code className={secret ? 'drift-secret' : undefined}>{value}</code>
      )}
    </td>
  );
}

/** The button that folds or unfolds rows, its arrow saying which. */
function FoldButton({
  expanded,
  controls,
  onToggle,
  label,
  children,
}: {
  expanded: boolean;
  controls: string;
  onToggle: () => void;
  /** The accessible name, when the visible text alone does not say what folds. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="drift-fold-button"
      aria-label={label}
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
    >
      <span aria-hidden="true">{expanded ? '▾' : '▸'} </span>
      {children}
    </button>
  );
}
