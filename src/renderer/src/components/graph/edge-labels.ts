import type { EdgePath, NodeBox } from './graph-layout';

/** A label's box in graph coordinates, its centre at (x, y). */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The height of an edge label, in graph pixels. */
export const LABEL_HEIGHT = 18;
// Without a font to measure here, 6.4 px a character fits the 11 px label (plus its padding).
const CHAR_WIDTH = 6.4;
const LABEL_PAD = 10;
// Space kept between a label and a node or another label, so that none touch.
const CLEARANCE = 2;
// Where along its curve a label may go, best first: its middle, then out towards its ends
// (not onto them: the ends sit on the nodes).
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8];
// How far a label may slide sideways off its point, as a share of its width.
const SLIDE = [0, -0.4, 0.4];

/** The width of a label holding `text`. */
export function labelWidth(text: string): number {
  return text.length * CHAR_WIDTH + LABEL_PAD;
}

type Point = { x: number; y: number };

function at([p0, p1, p2, p3]: readonly Point[], t: number): Point | null {
  if (!p0 || !p1 || !p2 || !p3) return null;
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
    y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
  };
}

// Boxes given by their centre (labels) or their top-left corner (nodes) are compared as edges.
function overlaps(
  label: LabelBox,
  other: { left: number; top: number; right: number; bottom: number },
): boolean {
  return (
    label.x - label.width / 2 < other.right + CLEARANCE &&
    label.x + label.width / 2 > other.left - CLEARANCE &&
    label.y - label.height / 2 < other.bottom + CLEARANCE &&
    label.y + label.height / 2 > other.top - CLEARANCE
  );
}

const sides = (box: LabelBox) => ({
  left: box.x - box.width / 2,
  top: box.y - box.height / 2,
  right: box.x + box.width / 2,
  bottom: box.y + box.height / 2,
});

/**
 * Where each edge's label goes (keyed `from->to`), greedily, edge by edge in the order given:
 * the first point along its curve where its box meets no node and no label placed before it.
 * An edge left out had no such point: its label is not drawn (its condition stays in the edge's
 * tooltip), rather than drawn over another.
 */
export function placeLabels(
  edges: readonly EdgePath[],
  nodes: ReadonlyMap<string, NodeBox>,
  labelled: (edge: EdgePath) => boolean,
): Map<string, LabelBox> {
  const obstacles = [...nodes.values()].map((n) => ({
    left: n.x,
    top: n.y,
    right: n.x + n.width,
    bottom: n.y + n.height,
  }));
  const placed = new Map<string, LabelBox>();
  for (const edge of edges) {
    if (!labelled(edge)) continue;
    const width = labelWidth(edge.condition);
    const spots = ALONG.flatMap((t) => {
      const point = at(edge.points, t);
      // Centred on the curve, else slid sideways with the curve still through its box.
      return point ? SLIDE.map((s) => ({ x: point.x + s * width, y: point.y })) : [];
    });
    const spot = spots
      .map((p) => ({ x: p.x, y: p.y, width, height: LABEL_HEIGHT }))
      .find((box) => !obstacles.some((o) => overlaps(box, o)));
    if (spot) {
      placed.set(`${edge.from}->${edge.to}`, spot);
      obstacles.push(sides(spot));
    }
  }
  return placed;
}
