import type { NodeBox } from './graph-layout';

/** A straight observed edge between two node boxes, and where its label goes. */
export interface ObservedLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  labelX: number;
  labelY: number;
}

// Drawn beside the centre line, so that a call back the other way and a declared edge along
// the same line stay apart.
const OFFSET = 10;

/**
 * The line from one box's border to the other's, shifted a little to its right, or null when
 * the boxes overlap.
 */
export function observedLine(from: NodeBox, to: NodeBox): ObservedLine | null {
  const a = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const b = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return null;
  const nx = (-dy / length) * OFFSET;
  const ny = (dx / length) * OFFSET;
  const start = exit(from, dx, dy);
  const end = exit(to, -dx, -dy);
  if (start >= 1 - end) return null;
  const x1 = a.x + dx * start + nx;
  const y1 = a.y + dy * start + ny;
  const x2 = b.x - dx * end + nx;
  const y2 = b.y - dy * end + ny;
  return { x1, y1, x2, y2, labelX: (x1 + x2) / 2 + nx, labelY: (y1 + y2) / 2 + ny };
}

// The fraction of (dx, dy) at which a ray from the box's centre leaves it.
function exit(box: NodeBox, dx: number, dy: number): number {
  const tx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const ty = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  return Math.min(tx, ty);
}
