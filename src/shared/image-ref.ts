import type { ImageRef } from './model';

const DEFAULT_REGISTRY = 'docker.io';

/**
 * Splits an image reference as the Docker distribution library does: the first component is
 * a registry only when it has a dot or a port or is `localhost`; Docker Hub's official images
 * get `library/`; no tag and no digest means `latest`.
 */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry =
    slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : DEFAULT_REGISTRY;
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (registry === DEFAULT_REGISTRY && !repository.includes('/'))
    repository = `library/${repository}`;
  return { raw, registry, repository, tag: tag ?? (digest ? null : 'latest'), digest };
}
