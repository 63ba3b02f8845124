import type { ServiceModel } from '../../shared/model';
import type { LoadedProject } from '../config/load-project';
import { serviceImage } from './container-spec';
import type { DockerEngine } from './docker-engine';
import { PlanError } from './plan-error';
import type { Report } from './progress-reporter';
import { imageStep } from './pull-policy';

/**
 * Refuses, before anything is created, a service whose pull_policy cannot be met (`never`
 * with no image on the engine, `build` with nothing to build). Only services that write a
 * policy cost a look at the engine.
 */
export async function assertImagePolicies(
  engine: DockerEngine,
  project: LoadedProject,
  services: readonly ServiceModel[],
): Promise<void> {
  for (const service of services) {
    if (!service.container?.pullPolicy) continue;
    const step = imageStep(service, await engine.hasImage(serviceImage(project, service)));
    if (step.kind === 'refuse') throw new PlanError(step.reason);
  }
}

/** Whether the service's pull_policy gets its image anew on every up (`always`, `build`). */
export function refreshesImage(service: ServiceModel): boolean {
  const policy = service.container?.pullPolicy?.value;
  return policy === 'always' || policy === 'build';
}

/**
 * Makes the service's image present as its pull_policy says (by default: pulled or built
 * only when missing), with progress; returns the image id the containers must run when the
 * policy refreshes the image (a container of an older image is then recreated), else null.
 */
export async function ensureImage(
  engine: DockerEngine,
  project: LoadedProject,
  service: ServiceModel,
  report: Report,
): Promise<string | null> {
  const image = serviceImage(project, service);
  const step = imageStep(service, await engine.hasImage(image));
  if (step.kind === 'refuse') throw new PlanError(step.reason);
  const build = service.build?.value;
  if (step.kind === 'build' && build) {
    report(service.name, 'building');
    await engine.buildImage({ ...build, tag: image }, ({ text, fraction }) =>
      report(service.name, 'building', text, fraction),
    );
  } else if (step.kind === 'pull') {
    report(service.name, 'pulling');
    await engine.pullImage(image, ({ text, fraction }) =>
      report(service.name, 'pulling', text, fraction),
    );
  }
  return refreshesImage(service) ? ((await engine.inspectImage(image))?.id ?? null) : null;
}
