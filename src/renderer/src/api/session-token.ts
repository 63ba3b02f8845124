const TOKEN_KEY = 'parity.token';

/**
 * Reads the session token `parity serve` put in the address (#token=...), keeps it for this
 * tab only and removes it from the address bar, so it is not shared by a copied link.
 */
export function takeSessionToken(): string {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const fromHash = params.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // The rest of the fragment stays: the project `parity serve DIR` opens on.
    params.delete('token');
    const rest = params.toString();
    history.replaceState(
      null,
      '',
      window.location.pathname + window.location.search + (rest ? `#${rest}` : ''),
    );
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
