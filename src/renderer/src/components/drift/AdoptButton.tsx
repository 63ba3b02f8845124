import { useContext, useState } from 'react';
import { isAdoptablePath } from '../../../../shared/api/adopt-contract';
import type { Finding } from '../../../../shared/drift';
import { AdoptContext } from './adopt-context';
import { AdoptDialog } from './AdoptDialog';
import { findingName } from './drift-model';

/**
 * "Adopt…" beside a finding's Accept: opens the dialog showing the change to the compose file
 * that writes production's value. Nothing where the report is not against production, for a
 * secret (whose production value is never written), or for a value spanning several keys.
 */
export function AdoptButton({ finding }: { finding: Finding }) {
  const scope = useContext(AdoptContext);
  const [open, setOpen] = useState(false);
  if (!scope || finding.secret || finding.kind === 'only-dev' || !isAdoptablePath(finding.path)) {
    return null;
  }
  const name = findingName(finding);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Adopt production value of ${name}…`}
      >
        Adopt…
      </button>
      {open && <AdoptDialog scope={scope} finding={finding} onClose={() => setOpen(false)} />}
    </>
  );
}
