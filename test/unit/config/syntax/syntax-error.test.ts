import { describe, expect, it } from 'vitest';
import { foundText, SyntaxValueError } from '../../../../src/main/config/syntax/syntax-error';

describe('SyntaxValueError', () => {
  it('keeps what was found and what was expected, for the caller to place', () => {
    const error = new SyntaxValueError('10', 'a duration with a unit');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SyntaxValueError');
    expect(error.found).toBe('10');
    expect(error.expected).toBe('a duration with a unit');
    expect(error.message).toBe('found "10", expected a duration with a unit');
  });

  it.each([
    ['text', 'text'],
    [10, '10'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'nothing'],
    [{ a: 1 }, '{"a":1}'],
    [[1, 'b'], '[1,"b"]'],
  ])('renders %j as %s in a message', (value, text) => {
    expect(foundText(value)).toBe(text);
  });
});
