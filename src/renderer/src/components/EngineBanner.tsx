/** Says the engine cannot be reached, why, and what to do; the list retries by itself. */
export function EngineBanner({ endpoint, reason }: { endpoint: string; reason: string }) {
  return (
    <section role="alert" className="banner banner-error" aria-label="Docker engine unreachable">
      <h2>Cannot reach the Docker engine</h2>
      <p>
        {endpoint}: {reason}
      </p>
      <p>
        Start Docker (or Docker Desktop, or Podman with its Docker socket), or point DOCKER_HOST at
        your engine. Parity keeps trying.
      </p>
    </section>
  );
}
