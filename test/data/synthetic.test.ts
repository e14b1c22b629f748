import { describe, expect, it } from "vitest";
import { blobs, linearData, moons, spirals, subset, trainTestSplit } from "../../src/data/index";

describe("blobs", () => {
  it("is reproducible and centres each class on its centre", () => {
    const o = { n: 3000, classes: 3, spread: 0.5, seed: 1 };
    const d = blobs(o);
    expect(blobs(o)).toEqual(d);
    expect(blobs({ ...o, seed: 2 }).x).not.toEqual(d.x);
    for (let k = 0; k < 3; k++) {
      let sx = 0;
      let sy = 0;
      let m = 0;
      for (let i = 0; i < d.n; i++) {
        if (d.labels[i] !== k) continue;
        sx += d.x[2 * i]!;
        sy += d.x[2 * i + 1]!;
        m++;
      }
      expect(m).toBe(1000);
      // default centres on the circle of radius 4 at angles 2πk/3; mean within 4 standard errors
      const tol = (4 * 0.5) / Math.sqrt(m);
      expect(Math.abs(sx / m - 4 * Math.cos((2 * Math.PI * k) / 3))).toBeLessThan(tol);
      expect(Math.abs(sy / m - 4 * Math.sin((2 * Math.PI * k) / 3))).toBeLessThan(tol);
    }
  });
  it("uses given centres and checks their shape", () => {
    const d = blobs({ n: 4, classes: 2, features: 3, spread: 0, centers: [[1, 2, 3], [-1, 0, 5]], seed: 1 });
    expect(Array.from(d.x)).toEqual([1, 2, 3, -1, 0, 5, 1, 2, 3, -1, 0, 5]);
    expect(() => blobs({ n: 4, classes: 2, centers: [[1, 2]], seed: 1 })).toThrow(/centers.length = 1/);
  });
});

describe("moons", () => {
  it("without noise puts class 0 on the upper unit half circle and class 1 on the shifted lower one", () => {
    const d = moons({ n: 101, noise: 0, seed: 3 });
    const counts = [0, 0];
    for (let i = 0; i < d.n; i++) {
      const [x, y] = [d.x[2 * i]!, d.x[2 * i + 1]!];
      counts[d.labels[i]!]!++;
      if (d.labels[i] === 0) {
        expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
        expect(y).toBeGreaterThanOrEqual(-1e-12);
      } else {
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 12);
        expect(y).toBeLessThanOrEqual(0.5 + 1e-12);
      }
    }
    expect(counts).toEqual([51, 50]);
  });
  it("shuffles rows (labels are not sorted)", () => {
    const d = moons({ n: 40, seed: 1 });
    expect(Array.from(d.labels)).not.toEqual([...Array(20).fill(0), ...Array(20).fill(1)]);
  });
});

describe("spirals", () => {
  it("without noise: radius in [0, 1], angle = 2πk/K + 2π·turns·r (mod 2π)", () => {
    const turns = 0.75;
    const d = spirals({ n: 90, classes: 3, turns, noise: 0, seed: 2 });
    const counts = [0, 0, 0];
    for (let i = 0; i < d.n; i++) {
      const [x, y] = [d.x[2 * i]!, d.x[2 * i + 1]!];
      const r = Math.hypot(x, y);
      const k = d.labels[i]!;
      counts[k]!++;
      expect(r).toBeLessThanOrEqual(1 + 1e-12);
      if (r < 1e-9) continue;
      const expected = (2 * Math.PI * k) / 3 + 2 * Math.PI * turns * r;
      const diff = Math.atan2(y, x) - expected;
      expect(Math.abs(Math.sin(diff / 2))).toBeLessThan(1e-9); // diff ≡ 0 mod 2π
    }
    expect(counts).toEqual([30, 30, 30]);
  });
});

describe("linearData", () => {
  it("without noise: y = x·w + b exactly", () => {
    const d = linearData({ n: 20, features: 2, weights: [2, -3], bias: 1, noise: 0, seed: 4 });
    for (let i = 0; i < d.n; i++) expect(d.y[i]).toBeCloseTo(1 + 2 * d.x[2 * i]! - 3 * d.x[2 * i + 1]!, 12);
  });
  it("residuals have standard deviation ≈ noise", () => {
    const d = linearData({ n: 20000, features: 1, weights: [1.5], noise: 0.2, seed: 5 });
    let s = 0;
    for (let i = 0; i < d.n; i++) s += (d.y[i]! - 1.5 * d.x[i]!) ** 2;
    expect(Math.sqrt(s / d.n)).toBeGreaterThan(0.2 * 0.98);
    expect(Math.sqrt(s / d.n)).toBeLessThan(0.2 * 1.02);
  });
  it("rejects weights of the wrong length", () => {
    expect(() => linearData({ n: 5, features: 3, weights: [1], seed: 1 })).toThrow(/weights.length = 1/);
  });
});

describe("subset and trainTestSplit", () => {
  const d = linearData({ n: 40, features: 2, seed: 9 });
  it("subset picks rows in the order given", () => {
    const s = subset(d, [3, 0]);
    expect(Array.from(s.x)).toEqual([d.x[6], d.x[7], d.x[0], d.x[1]]);
    expect(Array.from(s.y)).toEqual([d.y[3], d.y[0]]);
    expect(() => subset(d, [40])).toThrow(/indices\[0\] = 40/);
  });
  it("splits into disjoint parts whose union is the data, sized by testFraction", () => {
    const { train, test } = trainTestSplit(d, { testFraction: 0.25, seed: 1 });
    expect(test.n).toBe(10);
    expect(train.n).toBe(30);
    const all = [...train.y, ...test.y].sort((a, b) => a - b);
    expect(all).toEqual([...d.y].sort((a, b) => a - b));
    expect(trainTestSplit(d, { seed: 1 })).toEqual({ train, test });
    expect(() => trainTestSplit(d, { testFraction: 1, seed: 1 })).toThrow(/testFraction = 1/);
  });
});
