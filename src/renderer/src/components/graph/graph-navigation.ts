import type { NodeBox } from './graph-layout';

/** A key that moves the focus among the graph's nodes. */
export type NavigationKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

const KEYS: ReadonlySet<string> = new Set<NavigationKey>([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
]);

/** Whether a key moves the focus among nodes. */
export function isNavigationKey(key: string): key is NavigationKey {
  return KEYS.has(key);
}

const centre = (box: NodeBox): { x: number; y: number } => ({
  x: box.x + box.width / 2,
  y: box.y + box.height / 2,
});

/** The nodes in reading order: by row (top first), then left to right. */
export function readingOrder(nodes: ReadonlyMap<string, NodeBox>): string[] {
  return [...nodes.entries()].sort(([, a], [, b]) => a.y - b.y || a.x - b.x).map(([name]) => name);
}

/**
 * The node the key moves to from `from`, by where nodes are drawn: Left and Right go to the
 * nearest node on that side, preferring its own row; Up and Down to the nearest row above or
 * below, preferring the node most nearly under or over it; Home and End to the first and last
 * in reading order. Null where there is none (the focus stays).
 */
export function nextNode(
  nodes: ReadonlyMap<string, NodeBox>,
  from: string,
  key: NavigationKey,
): string | null {
  const order = readingOrder(nodes);
  if (key === 'Home') return order[0] ?? null;
  if (key === 'End') return order[order.length - 1] ?? null;
  const start = nodes.get(from);
  if (!start) return order[0] ?? null;
  const here = centre(start);
  const horizontal = key === 'ArrowLeft' || key === 'ArrowRight';
  const sign = key === 'ArrowRight' || key === 'ArrowDown' ? 1 : -1;
  let best: { name: string; score: number } | null = null;
  for (const name of order) {
    const box = nodes.get(name);
    if (!box || name === from) continue;
    const there = centre(box);
    const along = (horizontal ? there.x - here.x : there.y - here.y) * sign;
    const across = Math.abs(horizontal ? there.y - here.y : there.x - here.x);
    // Only what lies on that side; half a node's size keeps a row's neighbours out of Up/Down.
    if (along < (horizontal ? start.width : start.height) / 2) continue;
    // Off the line counts more than along it: the next in the row before one a row away.
    const score = along + across * 3;
    if (!best || score < best.score) best = { name, score };
  }
  return best?.name ?? null;
}
