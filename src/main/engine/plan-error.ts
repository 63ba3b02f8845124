/** The project cannot be brought up as written (a dependency cycle); nothing was changed. */
export class PlanError extends Error {
  override readonly name = 'PlanError';
}
