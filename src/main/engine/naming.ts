/** Container name as Compose v2 writes it. */
export function containerName(project: string, service: string, number: number): string {
  return `${project}-${service}-${number}`;
}

/** The image Compose v2 tags a built service with when the service names none. */
export function builtImageName(project: string, service: string): string {
  return `${project}-${service}`;
}
