import { describe, expect, it } from 'vitest';
import { invalidProjectName, normalizeProjectName } from '../../../src/main/config/project-name';

describe('project names', () => {
  it('normalizes a folder name as Compose does', () => {
    expect(normalizeProjectName('My App')).toBe('myapp');
    expect(normalizeProjectName('_shop.v2')).toBe('shopv2');
    expect(normalizeProjectName('--Foo_Bar-1')).toBe('foo_bar-1');
    expect(normalizeProjectName('...')).toBe('');
  });

  it('refuses an explicit name that is not in normal form, saying what is expected', () => {
    expect(invalidProjectName('shop')).toBeNull();
    expect(invalidProjectName('shop_2-b')).toBeNull();
    expect(invalidProjectName('Shop')).toContain('expected only lowercase letters');
    expect(invalidProjectName('-shop')).not.toBeNull();
    expect(invalidProjectName('my shop')).not.toBeNull();
  });
});
