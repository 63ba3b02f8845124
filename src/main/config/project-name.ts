import { PROJECT_NAME } from '../../shared/parity-config';

/** Why an explicit project name is not valid, or null when it is. */
export function invalidProjectName(name: string): string | null {
  return PROJECT_NAME.test(name)
    ? null
    : `invalid project name "${name}": expected only lowercase letters, digits, "-" and "_", starting with a letter or digit`;
}

/** A folder name turned into a project name, as Compose does: lowercased, invalid characters dropped. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-_a-z0-9]+/g, '')
    .replace(/^[-_]+/, '');
}
