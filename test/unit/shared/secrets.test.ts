import { describe, expect, it } from 'vitest';
import { isSecretName, maskUrlCredentials } from '../../../src/shared/secrets';

describe('isSecretName', () => {
  it.each([
    'DB_PASS',
    'MYSQL_PWD',
    'SESSION_SIGNING_KEY',
    'AWS_ACCESS_KEY_ID',
    'STRIPE_KEY',
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'PGPASSWORD',
    'GITHUB_TOKEN',
    'JWT_SECRET',
    'SECRET_KEY_BASE',
    'BASIC_AUTH',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'SENTRY_DSN',
    'PRIVATE_KEY',
    'APIKEY',
    'OPENAI_APIKEY',
    'AUTHTOKEN',
    'apiKey',
    'dbPassword',
    'githubToken',
    'db.password',
    'x-api-key',
  ])('%s is a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'KEYCLOAK_URL',
    'MONKEY',
    'PASSENGER_COUNT',
    'BYPASS_CACHE',
    'AUTHOR',
    'AUTHOR_NAME',
    'TOKENIZER_MODEL',
    'LOG_LEVEL',
    'DATABASE_URL',
    'PWD',
    'OLDPWD',
    'HOSTNAME',
    'keyboardLayout',
  ])('%s is not a secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('maskUrlCredentials', () => {
  it.each([
    ['postgres://app:hunter4@db/x', 'postgres://app:****@db/x'],
    ['redis://:s3cret@cache:6379/0', 'redis://:****@cache:6379/0'],
    // A password holding an unescaped @: everything up to the host is masked.
    ['mysql://root:p@ss@db:3306', 'mysql://root:****@db:3306'],
    ['a=https://u:1@h,b=amqp://g:2@q', 'a=https://u:****@h,b=amqp://g:****@q'],
    ['https://ghp_abcdefghijklmnopqrstuvwxyz@github.com/o/r', 'https://****@github.com/o/r'],
    ['//me:gitcred@git.example', '//me:****@git.example'],
  ])('%s shows as %s', (value, shown) => {
    expect(maskUrlCredentials(value)).toBe(shown);
  });

  it.each([
    'postgres://app@db/x',
    'http://example.test:8080/path?q=a:b@c',
    'no url here: just text',
    'mailto:someone@example.test',
  ])('%s is left as it is', (value) => {
    expect(maskUrlCredentials(value)).toBe(value);
  });

  it('is linear: a megabyte of scheme-like text is read at once', () => {
    const text = `${'a'.repeat(1_000_000)}://${'b:'.repeat(200_000)}`;
    const started = performance.now();
    maskUrlCredentials(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
