import { Fragment, useState } from 'react';
import type { Finding, ServiceMatch } from '../../../../shared/drift';
import { followText, outlineFindings, rootName } from '../../../../shared/drift-outline';
import { findingName } from './drift-model';
import { FindingRow, FindingsHead } from './FindingsTable';
import { FoldRow, GroupRow, RenameRow } from './FoldRows';

/**
 * The findings as a user works through them (src/shared/drift-outline.ts), as the CLI prints
 * them: the root causes first, each followed by the differences that follow from it, folded
 * behind a button; then the other differences, identical ones on several services or
 * replicas as one row "×N (where)" that unfolds into each. One row per thing to fix, so the
 * rows are what the summary counts.
 */
export function RootCauseGroups({
  findings,
  matches,
  sides = { dev: 'dev', prod: 'production' },
  onAccept,
  idPrefix,
}: {
  findings: readonly Finding[];
  matches: readonly ServiceMatch[];
  sides?: { dev: string; prod: string };
  onAccept?: (finding: Finding) => void;
  /** Makes the headings' and folds' ids unique on the page. */
  idPrefix: string;
}) {
  const { roots, rest } = outlineFindings(findings);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string): void =>
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const row = (f: Finding, follows?: string) => (
    <FindingRow
      key={`${f.service}\n${f.path}`}
      finding={f}
      name={findingName(f)}
      onAccept={onAccept}
      {...(follows === undefined ? {} : { follows })}
    />
  );
  return (
    <>
      {roots.length > 0 && (
        <section className="drift-group" aria-labelledby={`${idPrefix}-roots`}>
          <h3 id={`${idPrefix}-roots`}>
            Root causes <span className="drift-count">({roots.length})</span>
          </h3>
          <table className="drift-table drift-outline">
            <FindingsHead sides={sides} />
            {roots.map((item, index) => {
              const key = `root ${item.kind === 'root' ? findingName(item.root) : item.id}`;
              const id = `${idPrefix}-follows-${index}`;
              const title = rootName(item, matches);
              return (
                <Fragment key={key}>
                  <tbody className="drift-unit drift-root-unit">
                    {item.kind === 'root' ? (
                      row(item.root)
                    ) : (
                      <RenameRow item={item} title={title} />
                    )}
                    <FoldRow
                      label={followText(item.symptoms.length, title)}
                      controls={id}
                      expanded={open.has(key)}
                      onToggle={() => toggle(key)}
                    />
                  </tbody>
                  <tbody id={id} className="drift-symptoms" hidden={!open.has(key)}>
                    {item.symptoms.map((s) => row(s, `↳ follows from ${title}`))}
                  </tbody>
                </Fragment>
              );
            })}
          </table>
        </section>
      )}
      {rest.length > 0 && (
        <section className="drift-group" aria-labelledby={`${idPrefix}-others`}>
          <h3 id={`${idPrefix}-others`}>
            {roots.length > 0 ? 'Other differences' : 'Differences'}{' '}
            <span className="drift-count">({rest.length})</span>
          </h3>
          <table className="drift-table drift-outline">
            <FindingsHead sides={sides} />
            {rest.map((item, index) => {
              if (item.kind === 'single') {
                return <tbody key={`one ${findingName(item.finding)}`}>{row(item.finding)}</tbody>;
              }
              const key = `group ${item.group}`;
              const id = `${idPrefix}-group-${index}`;
              return (
                <Fragment key={key}>
                  <tbody className="drift-unit">
                    <GroupRow
                      findings={item.findings}
                      controls={id}
                      expanded={open.has(key)}
                      onToggle={() => toggle(key)}
                    />
                  </tbody>
                  <tbody id={id} className="drift-members" hidden={!open.has(key)}>
                    {item.findings.map((f) => row(f))}
                  </tbody>
                </Fragment>
              );
            })}
          </table>
        </section>
      )}
    </>
  );
}
