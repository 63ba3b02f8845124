import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomicSync } from '../settings/atomic-write';

/** Where and how big the window was, and whether it filled the screen. */
export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

/** A display's usable area, as Electron's screen module gives it. */
export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

// At least this much of the title bar must be on a display for the window to be reachable.
const MIN_VISIBLE = 100;

/**
 * The saved bounds when the window would still be reachable on the displays there are now (a
 * monitor unplugged since is the usual reason it would not), clamped to the display's size;
 * null to let the window open at its default place.
 */
export function restorableBounds(
  saved: WindowBounds | null,
  displays: readonly WorkArea[],
): WindowBounds | null {
  if (!saved) return null;
  const display = displays.find(
    (area) =>
      saved.x + saved.width - MIN_VISIBLE >= area.x &&
      saved.x + MIN_VISIBLE <= area.x + area.width &&
      saved.y >= area.y &&
      saved.y + MIN_VISIBLE <= area.y + area.height,
  );
  if (!display) return null;
  return {
    ...saved,
    width: Math.min(saved.width, display.width),
    height: Math.min(saved.height, display.height),
  };
}

/** Reads the saved bounds; anything unreadable counts as none (the window opens at default). */
export function readWindowBounds(path: string): WindowBounds | null {
  try {
    const parsed = WindowBoundsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the bounds; a failure only costs the position next time, so it is not fatal. */
export function writeWindowBounds(path: string, bounds: WindowBounds): void {
  try {
    writeFileAtomicSync(path, `${JSON.stringify(bounds, null, 2)}\n`);
  } catch {
    // The settings folder is not writable: the window opens at its default place next time.
  }
}
