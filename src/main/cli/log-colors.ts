import type { LogLine } from '../../shared/logs';
import { escapeKeepingColors } from '../../shared/terminal-text';

// Foreground colours in the order services get them (cyan, yellow, green, magenta, blue, red,
// then their bright forms), as `docker compose logs` cycles through its own.
const PALETTE = [36, 33, 32, 35, 34, 31, 96, 93, 92, 95, 94, 91] as const;
const RESET = '\u001b[0m';

/** Whether to colour: only on a terminal, and never when NO_COLOR is set or --no-color given. */
export function shouldColor(
  env: NodeJS.ProcessEnv,
  isTTY: boolean | undefined,
  noColor: boolean,
): boolean {
  return isTTY === true && !noColor && !env.NO_COLOR;
}

/** How log lines are printed. */
export interface LogPrinterOptions {
  project: string;
  /** The project's services in order, so each keeps its colour from run to run. */
  services: readonly string[];
  color: boolean;
  timestamps: boolean;
  /** Width of the widest name expected; a wider one seen later widens every prefix after it. */
  width?: number;
}

/**
 * Formats lines as `docker compose logs` does: `web-1  | text`, the container's name without
 * the project prefix, padded so the bars line up, coloured per service.
 */
export function logPrinter(options: LogPrinterOptions): (lines: readonly LogLine[]) => string {
  const colors = new Map<string, number>();
  let others = 0;
  const colorOf = (service: string): number => {
    let code = colors.get(service);
    if (code === undefined) {
      // A container of a service the files do not name (yet) takes the next colour free.
      const index = options.services.indexOf(service);
      const slot = index >= 0 ? index : options.services.length + others++;
      code = PALETTE[slot % PALETTE.length] ?? PALETTE[0];
      colors.set(service, code);
    }
    return code;
  };
  let width = options.width ?? 0;
  return (lines) => {
    const names = lines.map((line) => shortName(options.project, line.service, line.container));
    width = Math.max(width, ...names.map((name) => name.length));
    return lines
      .map((line, index) => {
        const prefix = `${(names[index] ?? '').padEnd(width)}  | `;
        const stamp = options.timestamps ? `${line.timestamp} ` : '';
        const shown = options.color ? `\u001b[${colorOf(line.service)}m${prefix}${RESET}` : prefix;
        // The container's own colours pass; any other control is escaped (terminal-text.ts).
        return `${shown}${stamp}${escapeKeepingColors(line.text)}\n`;
      })
      .join('');
  };
}

/**
 * A container's name without its project's prefix: `web-1` for `shop-web-1`, and for the
 * `shop_web_1` of Compose v1 too.
 */
export function shortName(project: string, service: string, container: string): string {
  for (const separator of ['-', '_']) {
    if (!container.startsWith(`${project}${separator}`)) continue;
    const rest = container.slice(project.length + 1);
    return rest.startsWith(`${service}_`) ? `${service}-${rest.slice(service.length + 1)}` : rest;
  }
  return container;
}
