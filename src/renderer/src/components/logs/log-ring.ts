/**
 * A fixed-capacity ring of items addressed by sequence number: the n-th item ever pushed has
 * seq n. Once full, each push drops the oldest item, so memory stays bounded however long a
 * stream runs; seqs of the items still held run from `firstSeq` to `nextSeq - 1`.
 */
export class LogRing<T> {
  private slots: (T | undefined)[];
  private first = 0;
  private next = 0;

  constructor(private cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`ring capacity ${cap}`);
    this.slots = new Array<T | undefined>(cap);
  }

  /** How many items the ring holds at most. */
  get capacity(): number {
    return this.cap;
  }

  /** How many items it holds now. */
  get size(): number {
    return this.next - this.first;
  }

  /** Seq of the oldest item held (equal to nextSeq when empty). */
  get firstSeq(): number {
    return this.first;
  }

  /** Seq the next pushed item will get. */
  get nextSeq(): number {
    return this.next;
  }

  /** Adds an item, dropping the oldest one when full. */
  push(item: T): void {
    this.slots[this.next % this.cap] = item;
    this.next++;
    if (this.next - this.first > this.cap) this.first = this.next - this.cap;
  }

  /** The item with this seq, or undefined once it has been dropped (or before it exists). */
  at(seq: number): T | undefined {
    if (seq < this.first || seq >= this.next) return undefined;
    return this.slots[seq % this.cap];
  }

  /** Drops every item; seqs keep counting up. */
  clear(): void {
    this.first = this.next;
    this.slots = new Array<T | undefined>(this.cap);
  }

  /** Changes the capacity, keeping the newest items that fit. */
  resize(capacity: number): void {
    if (capacity === this.cap) return;
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring capacity ${capacity}`);
    }
    const first = Math.max(this.first, this.next - capacity);
    const slots = new Array<T | undefined>(capacity);
    for (let seq = first; seq < this.next; seq++) slots[seq % capacity] = this.at(seq);
    this.slots = slots;
    this.cap = capacity;
    this.first = first;
  }
}
