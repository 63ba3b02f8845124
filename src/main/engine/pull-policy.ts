import type { ServiceModel } from '../../shared/model';

/** What up does for a service's image before it creates the containers. */
export type ImageStep =
  { kind: 'use' } | { kind: 'pull' } | { kind: 'build' } | { kind: 'refuse'; reason: string };

/**
 * The image step `pull_policy` asks for, as docker compose v2 reads it: `missing` (the default)
 * pulls or builds only an image that is not there, `always` pulls every time (a service with a
 * build context builds instead when none is named by image: there is nothing to pull),
 * `build` builds every time, `never` uses the image there is and refuses, before anything is
 * created, when there is none. A period (`daily`, `every_12h`) is read as `missing`: Parity does
 * not record when an image was pulled.
 */
export function imageStep(service: ServiceModel, hasImage: boolean): ImageStep {
  const policy = service.container?.pullPolicy?.value ?? 'missing';
  const canBuild = service.build !== null;
  switch (policy) {
    case 'never':
      return hasImage
        ? { kind: 'use' }
        : {
            kind: 'refuse',
            reason: `service "${service.name}": image ${service.image?.value.raw ?? '(built)'} is not on the engine and its pull_policy is never`,
          };
    case 'build':
      return canBuild
        ? { kind: 'build' }
        : {
            kind: 'refuse',
            reason: `service "${service.name}": pull_policy is build but the service has no build section`,
          };
    case 'always':
      return service.image ? { kind: 'pull' } : { kind: 'build' };
    default:
      return hasImage ? { kind: 'use' } : canBuild ? { kind: 'build' } : { kind: 'pull' };
  }
}
