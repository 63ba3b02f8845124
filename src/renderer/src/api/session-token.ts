const TOKEN_KEY = 'parity.token';

/**
 * Reads the session token `parity serve` put in the address (#token=...), keeps it for this
 * tab only and removes it from the address bar, so it is not shared by a copied link.
 */
export function takeSessionToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
