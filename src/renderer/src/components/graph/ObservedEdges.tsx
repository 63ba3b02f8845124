import { edgeLabel, type ObservedEdge } from '../../../../shared/traces';
import type { NodeBox } from './graph-layout';
import { observedLine } from './observed-geometry';

// Apart from the declared edges (solid, the theme's line colour): dashed, violet, an arrow at
// the callee. A call no depends_on declares is drawn in the warning colour, thicker.
const OBSERVED = '#7c3aed';
const UNDECLARED = 'var(--warn, #a86400)';

/** The label a user reads (and a screen reader hears) for one observed edge. */
export function observedEdgeLabel(edge: ObservedEdge): string {
  return edge.declared ? edgeLabel(edge) : `${edgeLabel(edge)}; not declared in depends_on`;
}

/**
 * The calls seen in traces between the graph's services, drawn over the graph: dashed, with an
 * arrow to the callee and the number of calls beside it; each is an image named by its label
 * (`shop → stock: 20 calls, 2 failed, p95 12 ms`).
 */
export function ObservedEdges({
  edges,
  nodes,
  width,
  height,
}: {
  edges: readonly ObservedEdge[];
  nodes: ReadonlyMap<string, NodeBox>;
  width: number;
  height: number;
}) {
  return (
    <svg
      className="graph-observed"
      width={width}
      height={height}
      role="group"
      aria-label="Observed calls"
      style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', overflow: 'visible' }}
    >
      <defs>
        {[OBSERVED, UNDECLARED].map((color, i) => (
          <marker
            key={color}
            id={`observed-arrow-${i}`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" style={{ fill: color }} />
          </marker>
        ))}
      </defs>
      {edges.map((edge) => {
        const from = nodes.get(edge.from);
        const to = nodes.get(edge.to);
        const line = from && to ? observedLine(from, to) : null;
        if (!line) return null;
        const color = edge.declared ? OBSERVED : UNDECLARED;
        const label = observedEdgeLabel(edge);
        return (
          <g
            key={`${edge.from}->${edge.to}`}
            className={`observed-edge${edge.declared ? '' : ' undeclared'}`}
            data-observed={`${edge.from}->${edge.to}`}
            role="img"
            aria-label={label}
          >
            <title>{label}</title>
            <line
              x1={line.x1}
              y1={line.y1}
              x2={line.x2}
              y2={line.y2}
              markerEnd={`url(#observed-arrow-${edge.declared ? 0 : 1})`}
              style={{
                stroke: color,
                strokeWidth: edge.declared ? 1.8 : 2.6,
                strokeDasharray: '6 4',
              }}
            />
            <text
              x={line.labelX}
              y={line.labelY}
              textAnchor="middle"
              dominantBaseline="middle"
              style={{ fill: color, fontSize: 11, fontWeight: 600 }}
            >
              {edge.failures > 0 ? `${edge.calls} (${edge.failures} failed)` : edge.calls}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
