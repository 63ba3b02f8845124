// The one rule for what Parity never shows: every output (the drift table, JSON, Markdown,
// snapshots, the UI through the API, Parity's own messages) asks this file. A name is split into
// words (at `_`, `-`, `.` and lowerCamel humps) so that a word says "secret", not a substring:
// DB_PASS, MYSQL_PWD, STRIPE_KEY and apiKey are secrets; KEYCLOAK_URL, MONKEY, PASSENGER_COUNT
// and AUTHOR are not. Erring towards masking is the safe side: PUBLIC_KEY or CACHE_KEY are
// masked too, since a rule that guesses which keys are harmless would guess wrong somewhere.

/** What a masked value or password shows instead. */
export const MASK = '****';

// A word that is a secret on its own.
const SECRET_WORDS = new Set([
  'PASS',
  'PASSWD',
  'PASSWORD',
  'PASSWORDS',
  'PASSPHRASE',
  'PWD',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'KEY',
  'KEYS',
  'AUTH',
  'AUTHORIZATION',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'DSN',
  'PRIVATE',
]);

// A word that says secret wherever it appears inside another (DBPASSWORD, MYSECRETS).
const SECRET_INSIDE = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL/;

// Common compounds written as one word: APIKEY, AUTHTOKEN, ACCESSKEY, DBPASS, ROOTPWD.
const SECRET_COMPOUND =
  /^(?:API|ACCESS|AUTH|BEARER|REFRESH|SESSION|SIGNING|MASTER|ENCRYPTION|LICENSE|CLIENT|PRIVATE|DB|ADMIN|ROOT|USER|APP|SERVICE)(?:KEYS?|TOKENS?|PASS|PWD|AUTH)$/;

// The shell's working folders: named PWD, never a password.
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

/** The words of a name: split at `_`, `-`, `.`, spaces and lowerCamel humps, upper-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}

/** Whether an env variable's (or a label's, an arg's) name says its value is a secret. */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET.has(name.toUpperCase())) return false;
  return nameWords(name).some(
    (word) => SECRET_WORDS.has(word) || SECRET_INSIDE.test(word) || SECRET_COMPOUND.test(word),
  );
}

// The characters a URL scheme is made of (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )).
const SCHEME_CHAR = /^[A-Za-z0-9+.-]$/;
// Where a URL's authority ends.
const AUTHORITY_END = /[\s/?#"'<>`]/;
// A user name alone this long, without a password, is a token (`https://ghp_…@github.com`).
const TOKEN_USER_LENGTH = 20;

/**
 * A value with the passwords of the URLs inside it masked: `postgres://app:hunter4@db/x` shows
 * `postgres://app:****@db/x`, wherever in the value the URL is; a long user name without a
 * password (a token used as one) is masked as a whole. Linear in the value's length.
 */
export function maskUrlCredentials(value: string): string {
  // A value that starts with an authority (`//user:pass@host`, as a .git-credentials line
  // read as KEY: value leaves it) is read as a URL too.
  if (value.startsWith('//')) return maskUrlCredentials(`x:${value}`).slice(2);
  let out = '';
  let index = 0;
  for (;;) {
    const sep = value.indexOf('://', index);
    if (sep < 0) return out + value.slice(index);
    let start = sep;
    while (start > index && SCHEME_CHAR.test(value.charAt(start - 1))) start--;
    const authorityStart = sep + 3;
    let end = authorityStart;
    while (end < value.length && !AUTHORITY_END.test(value.charAt(end))) end++;
    // A second URL right after this one (`a://u:p@h,b://…`) ends this authority at its scheme.
    const next = value.indexOf('://', authorityStart);
    if (next >= 0 && next <= end) {
      end = next;
      while (end > authorityStart && SCHEME_CHAR.test(value.charAt(end - 1))) end--;
    }
    const authority = value.slice(authorityStart, end);
    const at = authority.lastIndexOf('@');
    out += value.slice(index, authorityStart);
    if (start === sep || at < 0) {
      out += authority;
    } else {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(':');
      const masked =
        colon >= 0
          ? `${userinfo.slice(0, colon)}:${MASK}`
          : userinfo.length >= TOKEN_USER_LENGTH
            ? MASK
            : userinfo;
      out += `${masked}${authority.slice(at)}`;
    }
    index = end;
  }
}
