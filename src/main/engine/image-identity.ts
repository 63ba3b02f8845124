/** An image as this machine has it. */
export interface ImageIdentity {
  /** `sha256:…` of the image config: the same bits give the same id. */
  id: string;
  /** `repository@sha256:…` for each registry it was pulled from; empty when never pulled. */
  repoDigests: string[];
  /** Its `ENV`, as `KEY=value`. */
  env: string[];
  /** Its `CMD`, `ENTRYPOINT` and labels: what a container of it runs and carries by default. */
  cmd?: string[] | null;
  entrypoint?: string[] | null;
  labels?: Record<string, string>;
}
