import { describe, expect, it } from 'vitest';
import { folderLabels } from './folder-labels';

describe('folderLabels', () => {
  it('tells two checkouts named alike apart by the end of their folder paths', () => {
    const labels = folderLabels([
      { id: '/home/ana/work/shop', name: 'shop' },
      { id: '/home/ana/code/shop', name: 'shop' },
      { id: '/home/ana/code/blog', name: 'blog' },
    ]);
    expect(labels.get('/home/ana/work/shop')).toBe('work/shop');
    expect(labels.get('/home/ana/code/shop')).toBe('code/shop');
    expect(labels.has('/home/ana/code/blog')).toBe(false);
  });

  it('goes up as far as needed when the parent folders are named alike too', () => {
    const labels = folderLabels([
      { id: '/a/src/shop', name: 'shop' },
      { id: '/b/src/shop', name: 'shop' },
    ]);
    expect([...labels.values()]).toEqual(['a/src/shop', 'b/src/shop']);
  });

  it('reads Windows paths', () => {
    const labels = folderLabels([
      { id: 'C:\\Users\\ana\\one\\shop', name: 'shop' },
      { id: 'C:\\Users\\ana\\two\\shop', name: 'shop' },
    ]);
    expect([...labels.values()]).toEqual(['one/shop', 'two/shop']);
  });
});
