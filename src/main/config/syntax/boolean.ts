import { foundText, SyntaxValueError } from './syntax-error';

/** A boolean, or the text Compose converts to one (from interpolation, or YAML 1.1 words). */
export function toBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if (['true', 'yes', 'y', 'on'].includes(text)) return true;
  if (['false', 'no', 'n', 'off'].includes(text)) return false;
  throw new SyntaxValueError(foundText(value), `true or false for ${key}`);
}
