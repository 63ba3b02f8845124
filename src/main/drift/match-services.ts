import type { ServiceMatch } from '../../shared/drift';
import type { EnvironmentModel } from '../../shared/model';

/**
 * Pairs dev services with production ones: parity.yaml's map first (`worker:
 * Deployment/order-worker`), then equal names. Every pair says how it was made.
 */
export function matchServices(
  dev: EnvironmentModel,
  prod: EnvironmentModel,
  map: Record<string, string>,
): ServiceMatch[] {
  const matches: ServiceMatch[] = [];
  const prodLeft = new Set(Object.keys(prod.services));
  for (const name of Object.keys(dev.services)) {
    const mapped = map[name]?.split('/').at(-1);
    if (mapped && prodLeft.has(mapped)) {
      matches.push({ dev: name, prod: mapped, by: 'map' });
      prodLeft.delete(mapped);
    } else if (prodLeft.has(name)) {
      matches.push({ dev: name, prod: name, by: 'name' });
      prodLeft.delete(name);
    } else {
      matches.push({ dev: name, prod: null, by: 'none' });
    }
  }
  for (const name of prodLeft) matches.push({ dev: null, prod: name, by: 'none' });
  return matches;
}
