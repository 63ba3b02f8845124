import { describe, expect, it } from 'vitest';
import { layoutGraph, layoutKey, type GraphEdgeInput } from './graph-layout';

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
});
