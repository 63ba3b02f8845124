import type { ComponentProps } from 'react';
import type { Connection } from '../../api/connect-api';
import { useObservedEdges } from '../../hooks/use-observed-edges';
import { ObservedEdges } from './ObservedEdges';
import { NoCallsYet, OutsideCalls } from './OutsideCalls';
import { ServiceGraph } from './ServiceGraph';

/**
 * The service graph with the calls seen in traces drawn over it, and beside it the calls that
 * left the stack (under it, while none was seen, where to send spans). The graph itself is unchanged: observed edges come in through its overlay.
 */
export function TracedServiceGraph({
  connection,
  project,
  ...graph
}: ComponentProps<typeof ServiceGraph> & { connection: Connection; project: string }) {
  const { calls, reset } = useObservedEdges(connection, project);
  const edges = calls?.edges ?? [];
  const seen = calls !== null && (edges.length > 0 || calls.outside.length > 0);
  const graphView = (
    <ServiceGraph
      {...graph}
      overlay={
        edges.length > 0
          ? (layout) => (
              <ObservedEdges
                edges={edges}
                nodes={layout.nodes}
                width={layout.width}
                height={layout.height}
              />
            )
          : undefined
      }
    />
  );
  // Until a call is seen, where to send spans is one line under the graph: a side panel would
  // take the width a big graph needs to stay readable.
  return seen ? (
    <>
      {graphView}
      <OutsideCalls calls={calls} onReset={reset} />
    </>
  ) : (
    <div className="traced-graph">
      {graphView}
      {calls && <NoCallsYet calls={calls} />}
    </div>
  );
}
