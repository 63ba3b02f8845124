// Values written differently that mean the same thing, made to compare equal.

const JVM_UNITS: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

// -Xmx400m, -Xms1G, -Xss512k, -Xmn64M and -XX:MaxMetaspaceSize=256m (any -XX size option):
// the JVM reads the unit in either case, so -Xmx400m == -Xmx400M == -Xmx409600k.
const JVM_SIZE = /(^|[\s"'=])(-X(?:mx|ms|ss|mn)|-XX:\w+=)(\d+)([kKmMgGtT])(?=$|[\s"',;])/g;

/**
 * Text with every JVM memory size written in bytes (`-Xmx400M` -> `-Xmx419430400`), so that
 * sizes differing only in how they are written compare equal. Other text is left as it is.
 */
export function normalizeJvmSizes(text: string): string {
  if (!text.includes('-X')) return text;
  return text.replace(
    JVM_SIZE,
    (_all, before: string, flag: string, size: string, unit: string) => {
      const multiplier = JVM_UNITS[unit.toLowerCase()] ?? 1;
      return `${before}${flag}${Number(size) * multiplier}`;
    },
  );
}

/** Whether two environment values are the same once written the same way. */
export function sameEnvValue(dev: string, prod: string): boolean {
  return dev === prod || normalizeJvmSizes(dev) === normalizeJvmSizes(prod);
}

/** What a container runs, as one comparable argv. */
interface Launch {
  entrypoint: readonly string[] | null;
  command: readonly string[] | null;
}

/**
 * Whether two services run the same process, when both replace the image's entrypoint:
 * Compose `entrypoint` is Kubernetes `command`, Compose `command` Kubernetes `args`, and setting
 * the entrypoint drops the image's CMD on both, so `entrypoint: [a, b]` runs what
 * `command: [a], args: [b]` runs. Null when either keeps the image's entrypoint: then the
 * fields are compared one by one.
 */
export function sameLaunch(dev: Launch, prod: Launch): boolean | null {
  if (!dev.entrypoint || !prod.entrypoint) return null;
  const argv = (l: Launch): string =>
    JSON.stringify([...(l.entrypoint ?? []), ...(l.command ?? [])].map(normalizeJvmSizes));
  return argv(dev) === argv(prod);
}

/** An argv as compared: JSON of its words, JVM sizes in bytes. */
export function comparableArgv(argv: readonly string[]): string {
  return JSON.stringify(argv.map(normalizeJvmSizes));
}
