import { describe, expect, it } from 'vitest';
import {
  layoutGraph,
  layoutKey,
  NODE_HEIGHT,
  NODE_WIDTH,
  sameLayout,
  type GraphEdgeInput,
} from './graph-layout';

const edges: GraphEdgeInput[] = [
  { from: 'web', to: 'api', condition: 'service_started', required: true },
  { from: 'worker', to: 'api', condition: 'service_healthy', required: true },
];

describe('layoutGraph', () => {
  it('puts a dependency above the services that wait for it', () => {
    const layout = layoutGraph(['api', 'web', 'worker'], edges);
    const api = layout.nodes.get('api');
    const web = layout.nodes.get('web');
    expect(api && web && api.y < web.y).toBe(true);
    expect(layout.edges.map((e) => [e.from, e.to, e.condition])).toEqual([
      ['web', 'api', 'service_started'],
      ['worker', 'api', 'service_healthy'],
    ]);
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThan(1);
  });

  it('puts the services that wait for the same dependency side by side', () => {
    const layout = layoutGraph(['api', 'web', 'worker'], edges);
    expect(layout.nodes.get('web')?.y).toBe(layout.nodes.get('worker')?.y);
    expect(layout.nodes.get('web')?.x).not.toBe(layout.nodes.get('worker')?.x);
  });

  it('depends only on names and edges, not on their order', () => {
    const a = layoutGraph(['api', 'web', 'worker'], edges);
    const b = layoutGraph(['worker', 'web', 'api'], [...edges].reverse());
    expect([...b.nodes]).toEqual([...a.nodes]);
    expect(layoutKey(['api', 'web'], edges)).toBe(layoutKey(['web', 'api'], [...edges].reverse()));
  });

  it('ignores an edge to a service the project does not have', () => {
    const layout = layoutGraph(['web'], [edges[0] as GraphEdgeInput]);
    expect(layout.edges).toEqual([]);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('wraps a wide layer into rows, so 20 services on one database fit a wide pane', () => {
    const apps = Array.from({ length: 20 }, (_, i) => `app${String(i).padStart(2, '0')}`);
    const layout = layoutGraph(
      ['db', ...apps],
      apps.map((from) => ({ from, to: 'db', condition: 'service_started', required: true })),
    );
    const db = layout.nodes.get('db');
    const rows = new Set(apps.map((a) => layout.nodes.get(a)?.y));
    expect(rows.size).toBeGreaterThan(1);
    for (const app of apps) expect((layout.nodes.get(app)?.y ?? 0) > (db?.y ?? 0)).toBe(true);
    // One row of 21 would be 21 nodes wide; wrapped, the graph keeps a pane's shape.
    expect(layout.width).toBeLessThan(8 * NODE_WIDTH);
    expect(layout.width / layout.height).toBeGreaterThan(1);
    expect(layout.width / layout.height).toBeLessThan(4);
  });

  it('puts a chain of single services side by side, each right of what it waits for', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const chain = names.slice(1).map((from, i) => ({
      from,
      to: names[i] ?? '',
      condition: 'service_started',
      required: true,
    }));
    const layout = layoutGraph(names, chain);
    const boxes = names.map((n) => layout.nodes.get(n));
    // Not six rows: a chain that deep would be a thin column, shrunk to nothing when fitted.
    expect(new Set(boxes.map((b) => b?.y)).size).toBeLessThan(names.length);
    for (const [i, edge] of layout.edges.entries()) {
      const dep = layout.nodes.get(edge.to);
      const svc = layout.nodes.get(edge.from);
      if (!dep || !svc) throw new Error(`edge ${i} has no nodes`);
      const before = dep.y < svc.y || (dep.y === svc.y && dep.x < svc.x);
      expect(before, `${edge.to} comes before ${edge.from}`).toBe(true);
    }
  });

  it('starts each edge on its dependency and ends it on the service, the label between', () => {
    const layout = layoutGraph(['api', 'web', 'worker'], edges);
    for (const edge of layout.edges) {
      const dep = layout.nodes.get(edge.to);
      const svc = layout.nodes.get(edge.from);
      const first = edge.points[0];
      const last = edge.points[edge.points.length - 1];
      expect(edge.points).toHaveLength(4);
      expect(first?.y).toBe((dep?.y ?? 0) + NODE_HEIGHT);
      expect(last?.y).toBe(svc?.y);
      expect(edge.label.y).toBeGreaterThan(first?.y ?? 0);
      expect(edge.label.y).toBeLessThan(last?.y ?? 0);
    }
  });

  it('draws a cycle (which Compose refuses) without hanging', () => {
    const cycle: GraphEdgeInput[] = [
      { from: 'a', to: 'b', condition: 'service_started', required: true },
      { from: 'b', to: 'a', condition: 'service_started', required: true },
    ];
    const layout = layoutGraph(['a', 'b'], cycle);
    expect([...layout.nodes.keys()].sort()).toEqual(['a', 'b']);
    expect(layout.edges).toHaveLength(2);
  });
});

describe('layoutGraph for the pane it shows in', () => {
  // Twelve services waiting for one: a wide layer the pane's shape decides how to wrap.
  const names = ['db', ...Array.from({ length: 12 }, (_, i) => `svc-${i}`)];
  const fan = names.slice(1).map((from) => ({
    from,
    to: 'db',
    condition: 'service_started',
    required: true,
  }));
  const columns = (layout: ReturnType<typeof layoutGraph>): number =>
    new Set([...layout.nodes.values()].map((n) => n.x)).size;

  it('uses the width of a wide pane and the height of a tall one', () => {
    const wide = layoutGraph(names, fan, { width: 1800, height: 500 });
    const tall = layoutGraph(names, fan, { width: 500, height: 1400 });
    expect(columns(wide)).toBeGreaterThan(columns(tall));
    expect(wide.width / wide.height).toBeGreaterThan(tall.width / tall.height);
  });

  it('tells a layout that moves nothing from one that does', () => {
    const a = layoutGraph(names, fan, { width: 1800, height: 500 });
    expect(sameLayout(a, layoutGraph(names, fan, { width: 1801, height: 500 }))).toBe(true);
    expect(sameLayout(a, layoutGraph(names, fan, { width: 500, height: 1400 }))).toBe(false);
  });
});
