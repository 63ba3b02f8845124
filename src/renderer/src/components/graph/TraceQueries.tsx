import type { TraceQueryStatus } from '../../../../shared/traces';

/**
 * The stack's own Zipkin or Jaeger that Parity reads calls from, one quiet line each: where
 * it is read, or why it cannot be (a store that stops answering is no alarm).
 */
export function TraceQueries({ queries }: { queries: readonly TraceQueryStatus[] | undefined }) {
  if (!queries || queries.length === 0) return null;
  return (
    <ul
      className="muted"
      aria-label="Trace stores read"
      style={{ paddingLeft: 0, listStyle: 'none' }}
    >
      {queries.map((query) => (
        <li key={`${query.kind} ${query.service}`}>
          {query.problem ??
            `Reading traces from ${query.kind} (${query.service}) at ${query.address ?? '?'}.`}
        </li>
      ))}
    </ul>
  );
}
