import type { SourcePosition } from '../../shared/diagnostics';
import type { ServiceModel } from '../../shared/model';
import type { TrustAsk } from '../../shared/trust';
import type { LoadedProject } from '../config/load-project';
import { sensitiveBind } from './host-paths';
import { outsideFileAsks } from './outside-files';

/**
 * The capabilities every container gets from Docker (moby's oci/caps defaults): adding one of
 * these changes nothing, adding any other gives the container more of the host.
 */
export const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

// Namespaces a service may share with the host instead of having its own.
const HOST_MODES: Readonly<Record<string, string>> = {
  pid: 'sees and signals every process of the host',
  ipc: "shares the host's shared memory",
  uts: "can change the host's name",
  userns_mode: "runs without user namespace remapping (its root is the host's root)",
  cgroup: "sees the host's control groups",
};

// security_opt values that turn a confinement off.
const UNCONFINED = /^(seccomp|apparmor|systempaths)[:=]unconfined$|^label[:=]disable$/i;

/**
 * Everything the project's active services ask of the host beyond an ordinary container, in
 * service order, each with the value as written and where: privileged, capabilities beyond
 * Docker's default set, host network/pid/ipc/uts/userns/cgroup modes, devices, binds of system
 * folders, the engine's socket or the home folder, confinement turned off, and files read from
 * outside the project folder. Empty for a stack that asks for none of it.
 */
export function hostPowerAsks(project: LoadedProject, home: string): TrustAsk[] {
  const asks: TrustAsk[] = [];
  const services = Object.values(project.model.services).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const service of services) asks.push(...serviceAsks(service, home));
  asks.push(...outsideFileAsks(project));
  return asks;
}

function serviceAsks(service: ServiceModel, home: string): TrustAsk[] {
  const asks: TrustAsk[] = [];
  const ask = (key: string, value: string, means: string, position?: SourcePosition): void => {
    asks.push({ service: service.name, key, value, means, ...(position ? { position } : {}) });
  };
  if (service.privileged?.value === true) {
    ask('privileged', 'true', 'every device and capability of the host', service.privileged.source);
  }
  for (const cap of service.capAdd?.value ?? []) {
    if (DEFAULT_CAPABILITIES.has(cap)) continue;
    const means = cap === 'ALL' ? 'every capability of the host' : `the ${cap} capability`;
    ask('cap_add', cap, means, service.capAdd?.source);
  }
  if (service.networkMode?.value === 'host') {
    ask(
      'network_mode',
      'host',
      "the host's network: every port and interface",
      service.networkMode.source,
    );
  }
  const fields = service.container?.engineFields ?? {};
  for (const [key, means] of Object.entries(HOST_MODES)) {
    const field = fields[key];
    if (field?.value === 'host') ask(key, 'host', means, field.source);
  }
  for (const device of service.container?.devices?.value ?? []) {
    ask(
      'devices',
      `${device.pathOnHost}:${device.pathInContainer}`,
      'a device of the host',
      service.container?.devices?.source,
    );
  }
  for (const option of service.container?.securityOpt?.value ?? []) {
    if (UNCONFINED.test(option)) {
      ask(
        'security_opt',
        option,
        'a confinement of the container turned off',
        service.container?.securityOpt?.source,
      );
    }
  }
  for (const { value: mount, source } of service.volumes) {
    if (mount.type !== 'bind' || mount.source === null) continue;
    const means = sensitiveBind(mount.source, home);
    if (!means) continue;
    const mode = mount.readOnly ? ' (read-only)' : '';
    ask('volumes', `${mount.source}:${mount.target}${mode}`, means, source);
  }
  return asks;
}
