import { describe, expect, it } from "vitest";
import { minibatches } from "../../src/data/index";

describe("minibatches", () => {
  it("each epoch visits every index exactly once, in batches of batchSize and a last smaller one", () => {
    const s = minibatches({ n: 10, batchSize: 4, seed: 1 });
    expect(s.batchesPerEpoch).toBe(3);
    const orders: number[][] = [];
    for (let e = 0; e < 3; e++) {
      const batches = [s.next(), s.next(), s.next()];
      expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
      const seen = batches.flatMap((b) => Array.from(b));
      expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      orders.push(seen);
    }
    expect(orders[1]).not.toEqual(orders[0]); // reshuffled
  });
  it("dropLast skips the incomplete batch", () => {
    const s = minibatches({ n: 10, batchSize: 4, seed: 1, dropLast: true });
    expect(s.batchesPerEpoch).toBe(2);
    const sizes = Array.from({ length: 6 }, () => s.next().length);
    expect(sizes).toEqual([4, 4, 4, 4, 4, 4]);
    expect(() => minibatches({ n: 3, batchSize: 4, seed: 1, dropLast: true })).toThrow(/batchSize = 4/);
  });
  it("shuffle: false walks 0…n−1 in order", () => {
    const s = minibatches({ n: 5, batchSize: 2, seed: 1, shuffle: false });
    const got = Array.from({ length: 4 }, () => Array.from(s.next()));
    expect(got).toEqual([[0, 1], [2, 3], [4], [0, 1]]);
  });
  it("a restored sampler draws exactly the batches the original draws next", () => {
    for (const cut of [0, 1, 3, 5]) {
      const a = minibatches({ n: 7, batchSize: 3, seed: 42 });
      for (let t = 0; t < cut; t++) a.next();
      const saved = JSON.parse(JSON.stringify(a.state()));
      const b = minibatches({ n: 7, batchSize: 3, seed: 42 });
      b.next(); // b's own position is irrelevant once restored
      b.restore(saved);
      for (let t = 0; t < 8; t++) expect(Array.from(b.next())).toEqual(Array.from(a.next()));
    }
  });
  it("batch(step) is the step-th batch of the stream, in any order of asking", () => {
    const stream = minibatches({ n: 11, batchSize: 4, seed: 8 });
    const seq = Array.from({ length: 12 }, () => Array.from(stream.next()));
    const random = minibatches({ n: 11, batchSize: 4, seed: 8 });
    for (const k of [11, 0, 7, 3, 3, 10, 1]) expect(Array.from(random.batch(k))).toEqual(seq[k]);
  });
  it("earlier batches stay intact when a new epoch starts", () => {
    const s = minibatches({ n: 4, batchSize: 4, seed: 3 });
    const first = s.next();
    const copy = Array.from(first);
    s.next();
    expect(Array.from(first)).toEqual(copy);
  });
  it("same seed, same stream; different seed, different stream", () => {
    const take = (seed: number) => {
      const s = minibatches({ n: 20, batchSize: 5, seed });
      return Array.from({ length: 8 }, () => Array.from(s.next()));
    };
    expect(take(5)).toEqual(take(5));
    expect(take(5)).not.toEqual(take(6));
  });
  it("rejects a bad saved state", () => {
    const s = minibatches({ n: 7, batchSize: 3, seed: 1 });
    expect(() => s.restore({ position: -1 })).toThrow(/state.position = -1/);
    expect(() => s.batch(1.5)).toThrow(/step = 1.5/);
  });
});
