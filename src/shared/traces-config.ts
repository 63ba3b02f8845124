import { z } from 'zod';
import { expecting } from './schema-helpers';

/** `traces:` in parity.yaml: what Parity does for the spans the stack emits. */
export const TracesOptionsSchema = z
  .object(
    {
      inject: z
        .boolean({ error: expecting('true or false') })
        .describe(
          "Point services that set no trace endpoint at Parity's span receiver when Parity starts them: OTEL_EXPORTER_OTLP_ENDPOINT=http://host.docker.internal:<port>, OTEL_SERVICE_NAME=<service> and extra_hosts host.docker.internal:host-gateway. A value the compose files set is never replaced. `parity up` injects only with --traces URL or PARITY_TRACES_URL.",
        ),
    },
    { error: expecting('a mapping such as { inject: true }') },
  )
  .partial()
  .describe("Observed calls: whether Parity sends the stack's spans to its own receiver.");
/** `traces:` in parity.yaml. */
export type TracesSettings = z.infer<typeof TracesOptionsSchema>;
