import type { Finding, ServiceMatch } from '../../../../shared/drift';
import { groupByRootCause } from './drift-model';
import { FindingsTable } from './FindingsTable';

const differences = (n: number): string => `${n} difference${n === 1 ? '' : 's'}`;

/**
 * The findings grouped by root cause: a list with one item per root (a port, image or name
 * change), its heading naming it, its finding, then the differences it explains; the findings
 * no root explains follow under "Other differences".
 */
export function RootCauseGroups({
  findings,
  matches,
  sides,
  onAccept,
  idPrefix,
}: {
  findings: readonly Finding[];
  matches: readonly ServiceMatch[];
  sides?: { dev: string; prod: string };
  onAccept?: (finding: Finding) => void;
  /** Makes the headings' ids unique on the page. */
  idPrefix: string;
}) {
  const { roots, others } = groupByRootCause(findings, matches);
  const table = (shown: readonly Finding[]) => (
    <FindingsTable
      findings={shown}
      grouping="root"
      {...(sides ? { sides } : {})}
      {...(onAccept ? { onAccept } : {})}
    />
  );
  return (
    <>
      {roots.length > 0 && (
        <ul className="drift-roots" aria-label="Root causes">
          {roots.map((group, index) => {
            const heading = `${idPrefix}-root-${index}`;
            return (
              <li key={group.key} className="drift-root" aria-labelledby={heading}>
                <h3 id={heading}>
                  {group.title}{' '}
                  <span className="drift-count">
                    (explains {differences(group.symptoms.length)})
                  </span>
                </h3>
                {group.root && table([group.root])}
                <h4 className="drift-symptoms-heading">Differences it explains</h4>
                {table(group.symptoms)}
              </li>
            );
          })}
        </ul>
      )}
      {others.length > 0 && (
        <section className="drift-group" aria-labelledby={`${idPrefix}-others`}>
          <h3 id={`${idPrefix}-others`}>
            {roots.length > 0 ? 'Other differences' : 'No root cause links these differences'}{' '}
            <span className="drift-count">({others.length})</span>
          </h3>
          {table(others)}
        </section>
      )}
    </>
  );
}
