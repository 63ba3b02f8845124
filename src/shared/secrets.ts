/**
 * Env names whose values are treated as secret wherever Parity shows or sends a value: the
 * drift report and the service details show only "same" / "differs" or a mask.
 */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL)/i;

/** Whether an env variable's name says its value is a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
