import { describe, expect, it } from "vitest";
import { Lru } from "../src/lib/lru.js";

describe("bounded LRU cache", () => {
  it("keeps at most its capacity, dropping the least recently used entry", () => {
    const cache = new Lru<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("makes a value once per key while it stays cached", () => {
    const cache = new Lru<string, number>(4);
    let made = 0;
    for (let i = 0; i < 3; i++) cache.remember("q", () => ++made);
    expect(made).toBe(1);
    for (let i = 0; i < 1000; i++) cache.remember(`q${i}`, () => i);
    expect(cache.size).toBe(4);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new Lru(0)).toThrow(RangeError);
  });
});
