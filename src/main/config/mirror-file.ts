/** The override `parity mirror` writes beside the first compose file; `--mirror` reads it. */
export const MIRROR_FILE = 'compose.mirror.yaml';
