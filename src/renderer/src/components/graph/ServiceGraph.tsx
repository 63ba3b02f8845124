import { useMemo, type ReactNode } from 'react';
import type { ServiceView } from '../../../../shared/projects';
import { ariaKeys, shortcutHint, useShortcuts } from '../../hooks/use-shortcuts';
import {
  layoutGraph,
  layoutKey,
  type EdgePath,
  type GraphEdgeInput,
  type GraphLayout,
} from './graph-layout';
import { ServiceNode } from './ServiceNode';
import { useZoomPan } from './use-zoom-pan';
import './graph.css';

/** The fit shortcut, while the graph shows. */
export const FIT_KEYS = 'f';

function edgesOf(services: readonly ServiceView[]): GraphEdgeInput[] {
  return services.flatMap((s) =>
    s.dependsOn.map((d) => ({
      from: s.name,
      to: d.service,
      condition: d.condition,
      required: d.required,
    })),
  );
}

/**
 * The project's services and their depends_on edges, laid out in rows (graph-layout.ts). The
 * layout depends only on names and edges, so nodes stay put while states change. Zoom with the
 * wheel, the buttons or + and -, pan by dragging or with the arrows, F fits; a node that gets
 * the keyboard's focus is brought into view.
 */
export function ServiceGraph({
  services,
  selected,
  onSelect,
  active = true,
  projectDir,
  overlay,
}: {
  services: readonly ServiceView[];
  selected: string | null;
  onSelect: (service: string) => void;
  /** Whether the graph shows (its shortcuts work only then). */
  active?: boolean;
  /** The project folder: build contexts are shown relative to it. */
  projectDir?: string;
  /** Drawn over the edges, in graph coordinates (the calls seen in traces). */
  overlay?: ((layout: GraphLayout) => ReactNode) | undefined;
}) {
  const edges = edgesOf(services);
  const key = layoutKey(
    services.map((s) => s.name),
    edges,
  );
  // Recomputed only when names or edges change, never on a state change.
  const layout = useMemo(() => {
    const [names, pairs] = JSON.parse(key) as [string[], [string, string, string, boolean][]];
    return layoutGraph(
      names,
      pairs.map(([from, to, condition, required]) => ({ from, to, condition, required })),
    );
  }, [key]);
  const { viewport, view, fit, zoomIn, zoomOut, reveal, handlers } = useZoomPan(
    layout,
    selected === null ? undefined : layout.nodes.get(selected),
  );
  useShortcuts(active ? [{ keys: FIT_KEYS, run: fit }] : []);

  return (
    <div className="graph">
      <div className="graph-controls" role="toolbar" aria-label="Graph view">
        <button type="button" aria-label="Zoom in" title="Zoom in (wheel up, +)" onClick={zoomIn}>
          +
        </button>
        <button
          type="button"
          aria-label="Zoom out"
          title="Zoom out (wheel down, −)"
          onClick={zoomOut}
        >
          −
        </button>
        <button
          type="button"
          aria-label="Fit graph"
          aria-keyshortcuts={ariaKeys(FIT_KEYS)}
          title={`Fit the graph to the view (${shortcutHint(FIT_KEYS)})`}
          onClick={fit}
        >
          Fit
        </button>
        <span className="graph-zoom" aria-label="Zoom level">
          {Math.round(view.k * 100)}%
        </span>
      </div>
      <div
        ref={viewport}
        className="graph-viewport"
        role="group"
        aria-label="Service graph"
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown + - F"
        title="Drag or use the arrow keys to pan; the wheel, + or − zoom; F fits"
        tabIndex={0}
        {...handlers}
      >
        <div
          className="graph-canvas"
          style={{
            width: layout.width,
            height: layout.height,
            transform: `translate(${view.x}px, ${view.y}px) scale(${view.k})`,
          }}
        >
          <svg
            className="graph-edges"
            width={layout.width}
            height={layout.height}
            aria-hidden="true"
          >
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
            {layout.edges.map((edge) => (
              <Edge
                key={`${edge.from}->${edge.to}`}
                edge={edge}
                labelled={
                  layout.edges.length <= LABEL_ALL_UP_TO || edge.condition !== 'service_started'
                }
              />
            ))}
          </svg>
          {overlay?.(layout)}
          {services.map((service) => {
            const box = layout.nodes.get(service.name);
            return box ? (
              <ServiceNode
                key={service.name}
                service={service}
                box={box}
                selected={service.name === selected}
                projectDir={projectDir}
                onSelect={() => onSelect(service.name)}
                onFocus={() => reveal(box)}
              />
            ) : null;
          })}
        </div>
      </div>
    </div>
  );
}

// Few edges are all labelled; on a big graph only the conditions other than the default
// service_started are, so that the labels that matter are not lost among forty alike.
const LABEL_ALL_UP_TO = 8;

// Drawn from the dependency to the service; the arrow points at the dependency
// ("web depends on api").
function Edge({ edge, labelled }: { edge: EdgePath; labelled: boolean }) {
  const [p0, p1, p2, p3] = edge.points;
  if (!p0 || !p1 || !p2 || !p3) return null;
  // Monospace-free text has no exact width here; 6.4 px a character fits the 11 px label.
  const labelWidth = edge.condition.length * 6.4 + 10;
  const d = `M ${p0.x} ${p0.y} C ${p1.x} ${p1.y} ${p2.x} ${p2.y} ${p3.x} ${p3.y}`;
  return (
    <g
      className={`graph-edge${edge.required ? '' : ' optional'}`}
      data-edge={`${edge.from}->${edge.to}`}
    >
      <path d={d} markerStart="url(#graph-arrow)" />
      {labelled && (
        <>
          <rect
            className="graph-edge-label"
            x={edge.label.x - labelWidth / 2}
            y={edge.label.y - 9}
            width={labelWidth}
            height={18}
            rx={4}
          />
          <text x={edge.label.x} y={edge.label.y} textAnchor="middle" dominantBaseline="middle">
            {edge.condition}
          </text>
        </>
      )}
    </g>
  );
}
