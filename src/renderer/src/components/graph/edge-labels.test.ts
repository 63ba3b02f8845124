import { describe, expect, it } from 'vitest';
import { LABEL_HEIGHT, labelWidth, placeLabels, type LabelBox } from './edge-labels';
import { layoutGraph, type GraphEdgeInput, type NodeBox } from './graph-layout';

const apart = (a: LabelBox, b: LabelBox): boolean =>
  Math.abs(a.x - b.x) >= (a.width + b.width) / 2 ||
  Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
const clearOf = (a: LabelBox, n: NodeBox): boolean =>
  a.x + a.width / 2 <= n.x ||
  a.x - a.width / 2 >= n.x + n.width ||
  a.y + a.height / 2 <= n.y ||
  a.y - a.height / 2 >= n.y + n.height;

// A hub every other service waits for until healthy, and a chain through half of them: the
// labels crowd around the hub's edges.
function dense(): { names: string[]; edges: GraphEdgeInput[] } {
  const names = ['db', ...Array.from({ length: 14 }, (_, i) => `svc-${i}`)];
  const edges = names.slice(1).map((name) => ({
    from: name,
    to: 'db',
    condition: 'service_healthy',
    required: true,
  }));
  for (let i = 1; i < 7; i += 1) {
    edges.push({
      from: `svc-${i}`,
      to: `svc-${i + 7}`,
      condition: 'service_completed_successfully',
      required: i % 2 === 0,
    });
  }
  return { names, edges };
}

describe('placeLabels', () => {
  it('puts a label at the middle of its edge where nothing is in the way', () => {
    const layout = layoutGraph(
      ['api', 'web'],
      [{ from: 'web', to: 'api', condition: 'service_healthy', required: true }],
    );
    const placed = placeLabels(layout.edges, layout.nodes, () => true);
    const edge = layout.edges[0];
    expect(placed.get('web->api')).toEqual({
      x: edge?.label.x,
      y: edge?.label.y,
      width: labelWidth('service_healthy'),
      height: LABEL_HEIGHT,
    });
  });

  it('never lets two labels, or a label and a node, overlap on a dense graph', () => {
    const { names, edges } = dense();
    const layout = layoutGraph(names, edges);
    const placed = [...placeLabels(layout.edges, layout.nodes, () => true).values()];
    // Twenty labels 106 px wide do not all fit in these gaps: a good share find a place (9 of
    // 20 today), the others are left out rather than drawn over.
    expect(placed.length).toBeGreaterThan(layout.edges.length / 3);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(apart(a, b)).toBe(true);
      for (const node of layout.nodes.values()) expect(clearOf(a, node)).toBe(true);
    }
  });

  it('leaves out a label with no room and the labels not asked for', () => {
    // Two nodes side by side: their gap is narrower than any label.
    const nodes = new Map<string, NodeBox>([
      ['a', { x: 0, y: 0, width: 180, height: 76 }],
      ['b', { x: 204, y: 0, width: 180, height: 76 }],
    ]);
    const edge = {
      from: 'b',
      to: 'a',
      condition: 'service_healthy',
      required: true,
      points: [
        { x: 180, y: 38 },
        { x: 192, y: 38 },
        { x: 192, y: 38 },
        { x: 204, y: 38 },
      ],
      label: { x: 192, y: 38 },
    };
    expect(placeLabels([edge], nodes, () => true).size).toBe(0);
    const layout = layoutGraph(['api', 'web'], [{ ...edge, from: 'web', to: 'api' }]);
    expect(placeLabels(layout.edges, layout.nodes, () => false).size).toBe(0);
  });
});
