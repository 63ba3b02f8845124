import { hostGatewayAddress } from './container-bridges';
import { startReceiver, type RunningReceiver } from './receiver';
import type { TraceHub } from './trace-hub';

/**
 * Starts the span receiver feeding `hub`, on 9411 and 4318 when free: on 127.0.0.1 for the
 * host, and on the container bridge's address so that containers reach it as
 * host.docker.internal (host-gateway). Never on 0.0.0.0: the bridge listener answers only
 * loopback and local container addresses (container-bridges.ts).
 */
export async function startTraceReceiver(
  hub: TraceHub,
  ports?: { zipkin: number; otlp: number },
): Promise<RunningReceiver> {
  const receiver = await startReceiver({
    sink: hub,
    bridgeAddress: hostGatewayAddress(),
    ...(ports ? { ports } : {}),
  });
  hub.endpoints = { zipkin: receiver.zipkinUrl, otlp: receiver.otlpUrl };
  return receiver;
}

/** The lines `parity serve` prints: where to send spans, from the host and from containers. */
export function receiverLines(receiver: RunningReceiver): string {
  const lines = [`traces: ${receiver.zipkinUrl}`, `otlp: ${receiver.otlpUrl}`];
  lines.push(
    receiver.bridgeAddress
      ? `containers send to http://host.docker.internal:${receiver.zipkinPort}/api/v2/spans or ` +
          `http://host.docker.internal:${receiver.otlpPort}/v1/traces ` +
          '(extra_hosts: ["host.docker.internal:host-gateway"])'
      : `containers cannot reach the receiver here (${receiver.bridgeProblem ?? 'no bridge'}): ` +
          'Docker Desktop forwards host.docker.internal to it',
  );
  return `${lines.join('\n')}\n`;
}
