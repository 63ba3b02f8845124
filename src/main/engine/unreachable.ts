import { describeSource, unreachableSentence, type EngineTarget } from './endpoint/engine-target';

// Socket errors that mean "no engine answers there", as opposed to an engine that answered
// with an error.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'EPERM',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'EPROTO',
]);

// Node's codes for an engine certificate that did not check out against the CA.
const SERVER_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Why the engine could not be reached, or null when the error came from a reachable engine.
 * With the target, a TLS failure names the certificate that was refused.
 */
export function unreachableReason(error: unknown, target?: EngineTarget | null): string | null {
  if (!(error instanceof Error)) return null;
  const code = (error as NodeJS.ErrnoException).code;
  const tls = target?.tls ?? null;
  if (code !== undefined && SERVER_CERTIFICATE_CODES.has(code)) {
    const against = tls?.ca ? `the CA in ${tls.ca.path}` : "the system's certificate authorities";
    return `TLS: the engine's certificate was refused (${error.message}), checked against ${against}`;
  }
  const alert = /(?:sslv3|tlsv1\d*) alert ([a-z ]+)/i.exec(error.message);
  if (alert) {
    const mine = tls?.cert
      ? `Parity's client certificate ${tls.cert.path}`
      : 'Parity sent no client certificate';
    return `TLS: the engine refused the connection (${alert[0]}): ${mine}${tls?.cert ? ' was not accepted' : ''}`;
  }
  if (/wrong version number|packet length too long/i.test(error.message)) {
    return 'TLS: the engine does not speak TLS at this address (DOCKER_TLS_VERIFY or the context has TLS files)';
  }
  if (code?.startsWith('HPE_') === true) {
    return 'the engine did not answer in HTTP: does it expect TLS (DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)?';
  }
  const level = (error as { level?: unknown }).level;
  if (typeof level === 'string' && level.startsWith('client-')) {
    // ssh2 marks its failures with a level: the ssh connection, not the engine, failed.
    return `ssh: ${error.message}`;
  }
  if (code === undefined || !UNREACHABLE_CODES.has(code)) return null;
  if (code === 'ENOENT') return 'no Docker socket there: is the engine running?';
  if (code === 'EACCES' || code === 'EPERM') {
    return 'permission denied on the Docker socket: add your user to the docker group';
  }
  if (code === 'ECONNREFUSED') return 'connection refused: is the engine running?';
  if (code === 'ECONNRESET' && target?.parsed.scheme === 'tcp' && tls === null) {
    return 'the connection was closed: if the engine expects TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or use a context with TLS files)';
  }
  if (code === 'ECONNRESET' && tls !== null) {
    return `the connection was closed during TLS: the engine may not accept ${tls.cert ? `the client certificate ${tls.cert.path}` : 'a connection without a client certificate'}`;
  }
  return error.message;
}

/**
 * The one-line message for an engine that could not be reached, naming the endpoint and the
 * context (or variable) it came from; null when the error came from an engine that answered.
 */
export function engineUnreachableMessage(target: EngineTarget, error: unknown): string | null {
  const reason = unreachableReason(error, target);
  return reason === null ? null : unreachableSentence(target, reason);
}

/** Where the engine is and why, for messages that are not about reaching it. */
export function engineWhere(target: EngineTarget): string {
  return `${target.endpoint} (${describeSource(target.source)})`;
}

/**
 * Why an engine that answered is not ready, when it answered HTTP 5xx to a probe (Docker
 * Desktop answers 500 while "Starting the Docker Engine"); null for any other error.
 */
export function notReadyReason(error: unknown): string | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 500) return null;
  const said = (error as { json?: { message?: unknown } | null }).json?.message;
  return `the engine is not ready: it answered HTTP ${status}${typeof said === 'string' ? ` (${said})` : ''}`;
}
