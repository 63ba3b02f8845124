import { useMemo } from 'react';
import { placeLabels, type LabelBox } from './edge-labels';
import type { EdgePath, GraphLayout } from './graph-layout';

// Few edges are all labelled; on a big graph only the conditions other than the default
// service_started are, so that the labels that matter are not lost among forty alike.
const LABEL_ALL_UP_TO = 8;

/** What an edge says, in its tooltip: "web depends on api (service_healthy)". */
export function edgeTitle(edge: EdgePath): string {
  return `${edge.from} depends on ${edge.to} (${edge.condition}${edge.required ? '' : ', optional'})`;
}

/**
 * The depends_on edges, drawn under the nodes, each labelled with its condition where the label
 * fits beside the others (edge-labels.ts); an edge whose label is not shown holds its whole
 * description in its tooltip.
 */
export function GraphEdges({ layout }: { layout: GraphLayout }) {
  const labels = useMemo(
    () =>
      placeLabels(
        layout.edges,
        layout.nodes,
        (edge) => layout.edges.length <= LABEL_ALL_UP_TO || edge.condition !== 'service_started',
      ),
    [layout],
  );
  return (
    <svg className="graph-edges" width={layout.width} height={layout.height} aria-hidden="true">
      <defs>
        <marker
          id="graph-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="graph-arrow" />
        </marker>
      </defs>
      {layout.edges.map((edge) => {
        const key = `${edge.from}->${edge.to}`;
        return <Edge key={key} edge={edge} label={labels.get(key)} />;
      })}
    </svg>
  );
}

// Drawn from the dependency to the service; the arrow points at the dependency
// ("web depends on api").
function Edge({ edge, label }: { edge: EdgePath; label: LabelBox | undefined }) {
  const [p0, p1, p2, p3] = edge.points;
  if (!p0 || !p1 || !p2 || !p3) return null;
  const d = `M ${p0.x} ${p0.y} C ${p1.x} ${p1.y} ${p2.x} ${p2.y} ${p3.x} ${p3.y}`;
  return (
    <g
      className={`graph-edge${edge.required ? '' : ' optional'}`}
      data-edge={`${edge.from}->${edge.to}`}
    >
      {/* Where no label shows, the tooltip says what it would (a label shown says it already). */}
      {!label && <title>{edgeTitle(edge)}</title>}
      <path d={d} markerStart="url(#graph-arrow)" />
      {label && (
        <>
          <rect
            className="graph-edge-label"
            x={label.x - label.width / 2}
            y={label.y - label.height / 2}
            width={label.width}
            height={label.height}
            rx={4}
          />
          <text x={label.x} y={label.y} textAnchor="middle" dominantBaseline="middle">
            {edge.condition}
          </text>
        </>
      )}
    </g>
  );
}
