import type { ServiceView } from '../../../shared/projects';
import type { TrustRequest } from '../../../shared/trust';
import type { Connection } from '../api/connect-api';
import type { ServiceActions } from '../components/graph/ServiceDetails';
import { serviceContainers } from '../lib/service-status';
import type { OperationsState } from '../hooks/use-operations';
import { upWithTrust } from './trusted-calls';

/** Throws the services that failed to come up, each with its reason. */
function throwFailed(failed: readonly { service: string; reason: string }[]): void {
  if (failed.length > 0) throw new Error(failed.map((f) => `${f.service}: ${f.reason}`).join('; '));
}

/**
 * What the buttons of a service's details do, each one operation shown in the progress panel:
 * start, stop, restart, remove its containers, scale it, open its logs.
 */
export function serviceActions({
  api,
  project,
  services,
  perform,
  askTrust,
  openLogs,
}: {
  api: Connection['api'];
  project: string;
  services: readonly ServiceView[];
  /** Asks the user to trust a stack that wants host-level power (an up may create containers). */
  askTrust: (request: TrustRequest) => Promise<boolean>;
  perform: OperationsState['perform'];
  openLogs: (service: string) => void;
}): ServiceActions {
  return {
    start: (service) => {
      const view = services.find((s) => s.name === service);
      // A service without a container yet needs up (which also brings its dependencies).
      const created = view !== undefined && serviceContainers(view).length > 0;
      void perform(`Start ${service}`, async () => {
        if (created) await api['service.start']({ project, service });
        else
          throwFailed((await upWithTrust(api, { project, services: [service] }, askTrust)).failed);
        return `${service} started`;
      });
    },
    stop: (service) =>
      void perform(`Stop ${service}`, async () => {
        await api['service.stop']({ project, service });
        return `${service} stopped; its container is kept`;
      }),
    restart: (service) =>
      void perform(`Restart ${service}`, async () => {
        await api['service.restart']({ project, service });
        return `${service} restarted`;
      }),
    remove: (service) =>
      void perform(`Remove ${service}`, async () => {
        const { removed } = await api['service.remove']({ project, service });
        return removed.length === 0
          ? `${service} has no stopped container to remove`
          : `Removed ${removed.join(', ')}; named volumes kept`;
      }),
    scale: (service, replicas) =>
      void perform(`Scale ${service} to ${replicas}`, async () => {
        const scale = { [service]: replicas };
        throwFailed(
          (await upWithTrust(api, { project, services: [service], scale }, askTrust)).failed,
        );
        return `${service} runs ${replicas} container${replicas === 1 ? '' : 's'}`;
      }),
    logs: openLogs,
  };
}
