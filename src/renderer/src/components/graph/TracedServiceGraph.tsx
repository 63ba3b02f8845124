import type { ComponentProps } from 'react';
import type { Connection } from '../../api/connect-api';
import { useObservedEdges } from '../../hooks/use-observed-edges';
import { ObservedEdges } from './ObservedEdges';
import { OutsideCalls } from './OutsideCalls';
import { ServiceGraph } from './ServiceGraph';

/**
 * The service graph with the calls seen in traces drawn over it, and below it the calls that
 * left the stack. The graph itself is unchanged: observed edges come in through its overlay.
 */
export function TracedServiceGraph({
  connection,
  project,
  ...graph
}: ComponentProps<typeof ServiceGraph> & { connection: Connection; project: string }) {
  const { calls, reset } = useObservedEdges(connection, project);
  const edges = calls?.edges ?? [];
  return (
    <>
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
      {calls && <OutsideCalls calls={calls} onReset={reset} />}
    </>
  );
}
