import { useEffect, useState } from 'react';
import type { ServiceStats } from '../../../shared/stats';
import type { Connection } from '../api/connect-api';

// The engine samples each container for about a second; asking more often gains nothing.
const SAMPLE_EVERY_MS = 2000;

/**
 * CPU and memory of one service's containers, sampled while its details are open (null until
 * the first sample, or when the engine cannot be asked).
 */
export function useServiceStats(
  connection: Connection,
  project: string,
  service: string | null,
): ServiceStats[] | null {
  // Kept with the service it belongs to, so another service never shows the last one's sample.
  const [sampled, setSampled] = useState<{ key: string; stats: ServiceStats[] } | null>(null);
  const key = `${project}\n${service ?? ''}`;
  useEffect(() => {
    if (service === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sample = (): void => {
      connection.api['stats.get']({ project }).then(
        (all) => {
          if (stopped) return;
          setSampled({ key, stats: all.filter((s) => s.service === service) });
          timer = setTimeout(sample, SAMPLE_EVERY_MS);
        },
        () => {
          if (!stopped) setSampled(null);
        },
      );
    };
    sample();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [connection, project, service, key]);
  return sampled?.key === key ? sampled.stats : null;
}
