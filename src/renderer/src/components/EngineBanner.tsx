/**
 * Says the engine (or the core) cannot be reached, why, and what to do. The page keeps asking
 * by itself; "Try now" asks at once.
 */
export function EngineBanner({
  endpoint,
  reason,
  onRetry,
}: {
  endpoint: string;
  reason: string;
  onRetry?: () => void;
}) {
  return (
    <section role="alert" className="banner banner-error" aria-label="Docker engine unreachable">
      <h2>Cannot reach the Docker engine</h2>
      <p>
        <code>{endpoint}</code>: {reason}
      </p>
      <p>
        Start Docker (or Docker Desktop, or Podman with its Docker socket), or point DOCKER_HOST at
        your engine and restart Parity. Parity checks again every few seconds and carries on by
        itself.
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try now
        </button>
      )}
    </section>
  );
}

/** The page lost the core itself (parity serve stopped, or the window's connection broke). */
export function ConnectionBanner({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section role="alert" className="banner banner-error" aria-label="Parity unreachable">
      <h2>Lost the connection to Parity</h2>
      <p>{message}</p>
      <p>If you use parity serve, check that it still runs. This page reconnects by itself.</p>
      <button type="button" onClick={onRetry}>
        Try now
      </button>
    </section>
  );
}
