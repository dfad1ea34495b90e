/**
 * A small bounded cache keyed by input, least recently used entry evicted first. Every cache keyed by
 * what a user typed goes through this, so no stream of distinct questions can grow memory without
 * bound (a Map keeps insertion order: re-inserting on a hit makes it the most recent). A library
 * (lru-cache) does the same with TTLs and size accounting we do not need, at 10× the bundle size.
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`LRU capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  /** The cached value for `key`, made (and remembered) on a miss. */
  remember(key: K, make: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const value = make();
    this.set(key, value);
    return value;
  }
}
