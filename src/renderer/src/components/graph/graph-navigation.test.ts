import { describe, expect, it } from 'vitest';
import type { NodeBox } from './graph-layout';
import { isNavigationKey, nextNode, readingOrder } from './graph-navigation';

// Two rows as the layout draws them: a, b, c above; d, e below, centred under them.
//   a  b  c
//    d  e
const box = (x: number, y: number): NodeBox => ({ x, y, width: 180, height: 76 });
const nodes = new Map<string, NodeBox>([
  ['c', box(424, 16)],
  ['a', box(16, 16)],
  ['b', box(220, 16)],
  ['e', box(322, 136)],
  ['d', box(118, 136)],
]);

describe('nextNode', () => {
  it('goes left and right along a row, and stays at its ends', () => {
    expect(nextNode(nodes, 'a', 'ArrowRight')).toBe('b');
    expect(nextNode(nodes, 'b', 'ArrowRight')).toBe('c');
    expect(nextNode(nodes, 'b', 'ArrowLeft')).toBe('a');
    expect(nextNode(nodes, 'd', 'ArrowRight')).toBe('e');
    expect(nextNode(nodes, 'a', 'ArrowLeft')).toBeNull();
  });

  it('goes up and down to the node most nearly over or under it', () => {
    expect(nextNode(nodes, 'a', 'ArrowDown')).toBe('d');
    expect(nextNode(nodes, 'c', 'ArrowDown')).toBe('e');
    expect(nextNode(nodes, 'e', 'ArrowUp')).toBe('b');
    expect(nextNode(nodes, 'd', 'ArrowDown')).toBeNull();
    expect(nextNode(nodes, 'b', 'ArrowUp')).toBeNull();
  });

  it('goes to the first and the last node in reading order with Home and End', () => {
    expect(readingOrder(nodes)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(nextNode(nodes, 'c', 'Home')).toBe('a');
    expect(nextNode(nodes, 'a', 'End')).toBe('e');
  });

  it('knows its keys and no others', () => {
    expect(['ArrowLeft', 'Home', 'End'].every(isNavigationKey)).toBe(true);
    expect(['Enter', 'Tab', 'f', '+'].some(isNavigationKey)).toBe(false);
  });
});
