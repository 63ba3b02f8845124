/**
 * The engine's endpoint cannot be worked out: a bad DOCKER_HOST, a context that does not exist,
 * a Docker config file that is not what Docker writes. Its message names the file or variable
 * and what was expected, and is shown to the user as it is.
 */
export class EndpointConfigError extends Error {
  override readonly name = 'EndpointConfigError';
}
