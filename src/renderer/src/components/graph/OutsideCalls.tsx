import type { ObservedCalls } from '../../../../shared/traces';
import { TraceQueries } from './TraceQueries';

/**
 * Beside the graph: the calls that left the stack, by host, a host that production's files
 * name flagged loudly (a laptop calling production); the calls no depends_on declares; and a
 * reset.
 */
export function OutsideCalls({ calls, onReset }: { calls: ObservedCalls; onReset: () => void }) {
  const undeclared = calls.edges.filter((e) => !e.declared);
  return (
    <section
      className="details observed-calls"
      style={{ width: 300 }}
      aria-labelledby="observed-calls-title"
    >
      <h3 id="observed-calls-title">Observed calls</h3>
      <p className="muted">
        Seen in traces over the last {calls.windowMinutes} minutes: dashed on the graph.
      </p>
      {undeclared.length > 0 && (
        <p
          className="banner"
          style={{ border: '1px solid var(--warn)', background: 'var(--warn-bg)' }}
        >
          Called without depends_on: {undeclared.map((e) => `${e.from} → ${e.to}`).join(', ')}
        </p>
      )}
      {calls.outside.length > 0 && (
        <>
          <h4>Outside calls</h4>
          <ul aria-label="Outside calls" style={{ paddingLeft: 0, listStyle: 'none' }}>
            {calls.outside.map((call) => (
              <li
                key={call.host}
                className={call.production ? 'banner banner-error' : undefined}
                aria-label={`${call.host}${call.production ? ', a production host' : ''}`}
              >
                <strong>{call.host}</strong>
                {call.production && (
                  <strong role="alert"> production host (named in {call.production})</strong>
                )}{' '}
                <span className="muted">
                  from {call.from.join(', ')}: {call.calls} {call.calls === 1 ? 'call' : 'calls'}
                  {call.failures > 0 ? `, ${call.failures} failed` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <TraceQueries queries={calls.queries} />
      <button type="button" onClick={onReset}>
        Reset observed calls
      </button>
    </section>
  );
}

/** Under the graph while no call was seen: the window, and where services send their spans. */
export function NoCallsYet({ calls }: { calls: ObservedCalls }) {
  return (
    <>
      <p className="muted observed-calls-hint">
        No calls seen in the last {calls.windowMinutes} minutes.
        {calls.receiver &&
          ` Services that trace send spans to ${calls.receiver.zipkin} (Zipkin) or ${calls.receiver.otlp} (OTLP/HTTP); from a container, host.docker.internal in place of 127.0.0.1.`}
      </p>
      <TraceQueries queries={calls.queries} />
    </>
  );
}
