import type { SourcePosition } from '../../shared/diagnostics';

/** One value of the override: a Compose key path of the service, and where production says it. */
export interface MirrorValue {
  /** Compose keys from the service down, e.g. ['environment', 'LOG_LEVEL']. */
  path: string[];
  value: string | number | boolean | string[];
  from: SourcePosition;
}

/** A production value the override does not bring to the laptop, and why. */
export interface NotMirrored {
  service: string;
  key: string;
  reason: string;
}

/** A file of a production ConfigMap, written under .parity/mirror/ for a mount to bind. */
export interface MirrorFile {
  /** Under .parity/mirror/: `<service>/<volume>/<key or item path>`. */
  path: string;
  content: Buffer;
  mode: number;
  /** The ConfigMap it comes from. */
  from: SourcePosition;
}

/** What `parity mirror` writes: the values per laptop service, and what it left out. */
export interface MirrorPlan {
  services: Record<string, MirrorValue[]>;
  /** Named volumes the services' mounts use (production's claims), where each is mounted. */
  volumes: Record<string, SourcePosition>;
  /** Files of ConfigMaps the services' mounts bind, under .parity/mirror/. */
  files: MirrorFile[];
  notMirrored: NotMirrored[];
}

/** Records a value not mirrored, with the reason. */
export type Skip = (key: string, reason: string) => void;
