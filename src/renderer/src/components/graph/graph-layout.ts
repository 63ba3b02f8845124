import * as dagre from '@dagrejs/dagre';

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

/** An edge as drawn: from the dependency down to the service that waits for it. */
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

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 100;
const LABEL_WIDTH = 120;
const LABEL_HEIGHT = 18;
const MARGIN = 24;

/** The key a layout depends on: names and edges, nothing that changes with state. */
export function layoutKey(names: readonly string[], edges: readonly GraphEdgeInput[]): string {
  return JSON.stringify([
    [...names].sort(),
    edges.map((e) => [e.from, e.to, e.condition, e.required]).sort(),
  ]);
}

/**
 * Lays the services out top to bottom, dependencies above the services that wait for them.
 * It is a pure function of names and edges (in sorted order), so a state change never moves a
 * node.
 */
export function layoutGraph(
  names: readonly string[],
  edges: readonly GraphEdgeInput[],
): GraphLayout {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const known = new Set(names);
  for (const name of [...names].sort()) {
    graph.setNode(name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  const drawn = [...edges]
    .filter((e) => known.has(e.from) && known.has(e.to))
    .sort((a, b) => `${a.to}\0${a.from}`.localeCompare(`${b.to}\0${b.from}`));
  for (const edge of drawn) {
    graph.setEdge(
      edge.to,
      edge.from,
      { width: LABEL_WIDTH, height: LABEL_HEIGHT, labelpos: 'c' },
      `${edge.to}->${edge.from}`,
    );
  }
  dagre.layout(graph);

  const nodes = new Map<string, NodeBox>();
  for (const name of graph.nodes()) {
    const node = graph.node(name);
    nodes.set(name, {
      x: node.x - NODE_WIDTH / 2,
      y: node.y - NODE_HEIGHT / 2,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    });
  }
  const paths = drawn.map((edge): EdgePath => {
    const laid = graph.edge(edge.to, edge.from, `${edge.to}->${edge.from}`) as {
      points?: { x: number; y: number }[];
      x?: number;
      y?: number;
    };
    const points = laid.points ?? [];
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { ...edge, points, label: { x: laid.x ?? middle.x, y: laid.y ?? middle.y } };
  });
  const size = graph.graph();
  return {
    width: Math.max(size.width ?? 0, NODE_WIDTH + 2 * MARGIN),
    height: Math.max(size.height ?? 0, NODE_HEIGHT + 2 * MARGIN),
    nodes,
    edges: paths,
  };
}
