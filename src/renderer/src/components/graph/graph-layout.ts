import { orderLayers, rankLayers } from './graph-ranks';

/** One depends_on edge: `from` waits for `to` with `condition`. */
export interface GraphEdgeInput {
  from: string;
  to: string;
  condition: string;
  required: boolean;
}

/** A node's box, its top-left corner in graph coordinates. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * An edge as drawn: a cubic curve from the dependency (points[0]) to the service that waits
 * for it (points[3]), through two control points.
 */
export interface EdgePath {
  from: string;
  to: string;
  condition: string;
  required: boolean;
  points: { x: number; y: number }[];
  label: { x: number; y: number };
}

/** Where everything goes. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, NodeBox>;
  edges: EdgePath[];
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 76;
const GAP_X = 24;
const GAP_Y = 44;
const MARGIN = 16;
/** A pane's size in pixels. */
export interface PaneSize {
  width: number;
  height: number;
}

/**
 * The graph pane of a 1280x800 window, roughly: layouts are judged by how large they show in
 * it until the real pane has been measured.
 */
export const DEFAULT_PANE: PaneSize = { width: 940, height: 520 };

/** The key a layout depends on: names and edges, nothing that changes with state. */
export function layoutKey(names: readonly string[], edges: readonly GraphEdgeInput[]): string {
  return JSON.stringify([
    [...names].sort(),
    edges.map((e) => [e.from, e.to, e.condition, e.required]).sort(),
  ]);
}

/**
 * Rows of at most `columns` services. Ranked: each layer starts a row (dependencies above).
 * Packed: a layer that fits in what is left of the row goes on beside the one before it, to
 * its right, which keeps long chains of single services from taking a row each.
 */
function pack(layers: readonly string[][], columns: number, packed: boolean): string[][] {
  const rows: string[][] = [];
  for (const layer of layers) {
    const last = rows[rows.length - 1];
    if (packed && last && last.length + layer.length <= columns) {
      last.push(...layer);
      continue;
    }
    // A wrapped layer is split evenly (7 in rows of 4 and 3, not 6 and 1).
    const count = Math.ceil(layer.length / columns);
    const size = Math.ceil(layer.length / count);
    for (let i = 0; i < layer.length; i += size) rows.push(layer.slice(i, i + size));
  }
  return rows;
}

const extent = (count: number, size: number, gap: number): number =>
  count * size + Math.max(0, count - 1) * gap + 2 * MARGIN;

/**
 * How large a layout of `rows` would show in the target pane, not capped at 100%: between two
 * layouts that both fit, the one closer to the pane's shape wins (web and worker side by side
 * under api, not stacked with one edge hidden behind the other node).
 */
function shownScale(rows: readonly string[][], pane: PaneSize): number {
  const columns = Math.max(...rows.map((row) => row.length));
  const width = extent(columns, NODE_WIDTH, GAP_X);
  const height = extent(rows.length, NODE_HEIGHT, GAP_Y);
  return Math.min(pane.width / width, pane.height / height);
}

/**
 * The rows that show largest in a pane of the usual shape: the width a wide pane has is used
 * by wrapping wide layers and packing thin ones, rather than shrinking one long row. Ranked
 * rows win unless packing shows noticeably larger.
 */
function chooseRows(layers: readonly string[][], pane: PaneSize): string[][] {
  // Packing can use more columns than the widest layer has (a long chain laid across).
  const count = layers.reduce((n, layer) => n + layer.length, 0);
  let best: { rows: string[][]; scale: number } | null = null;
  for (let columns = 1; columns <= count; columns += 1) {
    for (const packed of [false, true]) {
      const rows = pack(layers, columns, packed);
      const scale = shownScale(rows, pane) * (packed ? 0.95 : 1);
      if (!best || scale > best.scale + 1e-9) best = { rows, scale };
    }
  }
  return best?.rows ?? [];
}

type Point = { x: number; y: number };

// A curve from the dependency to the service that waits for it: from its bottom to the other's
// top a row or more down; straight across to a neighbour in the same row; and, to one further
// along the row, dipping into the gap below it rather than running behind the nodes between
// (which would read as a chain through them).
function curve(dep: NodeBox, svc: NodeBox): Point[] {
  if (Math.abs(dep.y - svc.y) < 1) {
    const neighbours = Math.abs(dep.x - svc.x) <= NODE_WIDTH + GAP_X + 1;
    if (neighbours) {
      const right = dep.x < svc.x;
      const start = { x: right ? dep.x + dep.width : dep.x, y: dep.y + dep.height / 2 };
      const end = { x: right ? svc.x : svc.x + svc.width, y: svc.y + svc.height / 2 };
      const dx = (end.x - start.x) / 2;
      return [start, { x: start.x + dx, y: start.y }, { x: end.x - dx, y: end.y }, end];
    }
    const start = { x: dep.x + dep.width / 2, y: dep.y + dep.height };
    const end = { x: svc.x + svc.width / 2, y: svc.y + svc.height };
    const dip = GAP_Y * 0.9;
    return [start, { x: start.x, y: start.y + dip }, { x: end.x, y: end.y + dip }, end];
  }
  const down = dep.y < svc.y;
  const start = { x: dep.x + dep.width / 2, y: down ? dep.y + dep.height : dep.y };
  const end = { x: svc.x + svc.width / 2, y: down ? svc.y : svc.y + svc.height };
  const dy = (end.y - start.y) / 2;
  return [start, { x: start.x, y: start.y + dy }, { x: end.x, y: end.y - dy }, end];
}

function midpoint([p0, p1, p2, p3]: Point[]): Point {
  if (!p0 || !p1 || !p2 || !p3) return { x: 0, y: 0 };
  return { x: (p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8, y: (p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8 };
}

/**
 * Lays the services out in rows, dependencies above (or left of) the services that wait for
 * them, wrapped and packed to the shape of the pane so that a big project stays legible when
 * fitted. It is a pure function of names, edges (in sorted order) and the pane's size, so a
 * state change never moves a node.
 */
export function layoutGraph(
  names: readonly string[],
  edges: readonly GraphEdgeInput[],
  pane: PaneSize = DEFAULT_PANE,
): GraphLayout {
  const known = new Set(names);
  const drawn = [...edges]
    .filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to)
    .sort((a, b) => `${a.to}\0${a.from}`.localeCompare(`${b.to}\0${b.from}`));
  const deps = new Map<string, string[]>();
  for (const edge of drawn) deps.set(edge.from, [...(deps.get(edge.from) ?? []), edge.to]);
  const rows = chooseRows(orderLayers(rankLayers([...known], deps), deps), pane);

  const columns = Math.max(1, ...rows.map((row) => row.length));
  const width = extent(columns, NODE_WIDTH, GAP_X);
  const nodes = new Map<string, NodeBox>();
  rows.forEach((row, r) => {
    // Each row centred, so a short row sits under the middle of a long one.
    const left = (width - extent(row.length, NODE_WIDTH, GAP_X)) / 2 + MARGIN;
    row.forEach((name, i) => {
      nodes.set(name, {
        x: left + i * (NODE_WIDTH + GAP_X),
        y: MARGIN + r * (NODE_HEIGHT + GAP_Y),
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
      });
    });
  });
  const paths = drawn.flatMap((edge): EdgePath[] => {
    const dep = nodes.get(edge.to);
    const svc = nodes.get(edge.from);
    if (!dep || !svc) return [];
    const points = curve(dep, svc);
    return [{ ...edge, points, label: midpoint(points) }];
  });
  // An edge along the bottom row dips below it, its label too: the graph holds them.
  const lowest = Math.max(0, ...paths.map((p) => p.label.y + 9 + MARGIN / 2));
  const height = Math.max(extent(rows.length, NODE_HEIGHT, GAP_Y), lowest);
  return { width, height, nodes, edges: paths };
}

/** Whether two layouts put every node in the same place (a new pane size changed nothing). */
export function sameLayout(a: GraphLayout, b: GraphLayout): boolean {
  if (a.width !== b.width || a.height !== b.height || a.nodes.size !== b.nodes.size) return false;
  for (const [name, box] of a.nodes) {
    const other = b.nodes.get(name);
    if (!other || other.x !== box.x || other.y !== box.y) return false;
  }
  return a.edges.length === b.edges.length;
}
