import type { Finding } from '../../shared/drift';

/**
 * The stable id of a finding: `service.path` (`api.ports.8081/tcp`, `worker.env.API_URL`), the
 * same text parity.yaml's `drift.accept` entries name it by.
 */
export function findingId(finding: Pick<Finding, 'service' | 'path'>): string {
  return `${finding.service}.${finding.path}`;
}
