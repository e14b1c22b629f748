// The course palette under colour-vision deficiencies, and colour never the only difference
// between series (src/figures/figure.ts).
//
// Every colour computation is written out here from its published definition:
// - sRGB ↔ linear RGB and linear RGB → XYZ (D65): IEC 61966-2-1 (the sRGB standard);
// - XYZ → CIELAB, white D65 (X, Y, Z) = (0.95047, 1, 1.08883): CIE 15;
// - CIEDE2000: Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula: implementation
//   notes, supplementary test data, and mathematical observations", Color Res. Appl. 30 (2005),
//   eqs. (1)–(22); checked below against pairs of their Table 1;
// - dichromacy: Machado, Oliveira and Fernandes, "A physiologically-based model for simulation of
//   color vision deficiency", IEEE TVCG 15(6), 2009 — the severity-1.0 matrices for protanopia,
//   deuteranopia and tritanopia that the authors publish, applied to linear RGB;
// - contrast ratio and relative luminance: WCAG 2.1, definitions "contrast ratio" and "relative
//   luminance" (non-text contrast 1.4.11 asks 3 : 1 for graphics).
import { describe, expect, it } from "vitest";
import { palette, seriesColor, seriesDash, seriesDashes, seriesSymbol, seriesSymbols, withDistinctSeries, type Trace } from "../../src/figures/index";

type Vec = [number, number, number];
const MACHADO: Record<string, [Vec, Vec, Vec]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linearRgb = (hex: string): Vec => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255)) as Vec;
const apply = (m: [Vec, Vec, Vec], v: Vec): Vec => m.map((r) => Math.min(1, Math.max(0, r[0] * v[0] + r[1] * v[1] + r[2] * v[2]))) as Vec;

function lab([r, g, b]: Vec): Vec {
  const X = 0.4124 * r + 0.3576 * g + 0.1805 * b, Y = 0.2126 * r + 0.7152 * g + 0.0722 * b, Z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
  const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
  const [fx, fy, fz] = [f(X / 0.95047), f(Y / 1), f(Z / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIEDE2000 (Sharma et al. 2005), kL = kC = kH = 1. */
function deltaE00([L1, a1, b1]: Vec, [L2, a2, b2]: Vec): number {
  const rad = Math.PI / 180;
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const ap1 = (1 + G) * a1, ap2 = (1 + G) * a2;
  const Cp1 = Math.hypot(ap1, b1), Cp2 = Math.hypot(ap2, b2);
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : ((Math.atan2(b, a) / rad) + 360) % 360);
  const hp1 = hue(b1, ap1), hp2 = hue(b2, ap2);
  const dL = L2 - L1, dC = Cp2 - Cp1;
  let dh = 0;
  if (Cp1 * Cp2 !== 0) dh = hp2 - hp1 > 180 ? hp2 - hp1 - 360 : hp2 - hp1 < -180 ? hp2 - hp1 + 360 : hp2 - hp1;
  const dH = 2 * Math.sqrt(Cp1 * Cp2) * Math.sin((dh / 2) * rad);
  const Lbar = (L1 + L2) / 2, Cpbar = (Cp1 + Cp2) / 2;
  let hbar = hp1 + hp2;
  if (Cp1 * Cp2 !== 0) hbar = Math.abs(hp1 - hp2) <= 180 ? (hp1 + hp2) / 2 : hp1 + hp2 < 360 ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hbar - 30) * rad) + 0.24 * Math.cos(2 * hbar * rad) + 0.32 * Math.cos((3 * hbar + 6) * rad) - 0.2 * Math.cos((4 * hbar - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbar - 275) / 25) ** 2));
  const RC = 2 * Math.sqrt(Cpbar ** 7 / (Cpbar ** 7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbar - 50) ** 2) / Math.sqrt(20 + (Lbar - 50) ** 2);
  const SC = 1 + 0.045 * Cpbar, SH = 1 + 0.015 * Cpbar * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

const luminance = (hex: string) => { const [r, g, b] = linearRgb(hex); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe("the colour science written out here", () => {
  it("CIEDE2000 reproduces Sharma et al.'s Table 1 (pairs 1, 7, 17, 19, 25, 34)", () => {
    const pairs: [Vec, Vec, number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [56, -27, -3], 31.903],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
    ];
    for (const [p, q, want] of pairs) {
      expect(deltaE00(p, q)).toBeCloseTo(want, 4);
      expect(deltaE00(q, p)).toBeCloseTo(want, 4);
    }
  });

  it("sRGB white and black are L* 100 and 0; Machado's matrices keep greys grey (each row sums to 1)", () => {
    expect(lab(linearRgb("#ffffff"))[0]).toBeCloseTo(100, 2);
    expect(lab(linearRgb("#000000"))[0]).toBeCloseTo(0, 6);
    for (const m of Object.values(MACHADO)) for (const row of m) expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 5);
  });

  it("the old palette (D3 category10) fails: its green and red are less than 10 apart (CIEDE2000) under deuteranopia", () => {
    const d = deltaE00(lab(apply(MACHADO.deuteranopia!, linearRgb("#2ca02c"))), lab(apply(MACHADO.deuteranopia!, linearRgb("#d62728"))));
    console.log(`category10 green/red under deuteranopia: ΔE00 = ${d.toFixed(2)}`);
    expect(d).toBeLessThan(10);
  });
});

describe("the course palette", () => {
  it("keeps every pair of colours at least 10 apart (CIEDE2000) in normal vision and under protanopia, deuteranopia and tritanopia", () => {
    const visions: [string, [Vec, Vec, Vec] | null][] = [["normal", null], ...Object.entries(MACHADO)];
    for (const [vision, m] of visions) {
      let min = Infinity, pair = "";
      for (let i = 0; i < palette.length; i++) {
        for (let j = i + 1; j < palette.length; j++) {
          const see = (hex: string) => lab(m ? apply(m, linearRgb(hex)) : linearRgb(hex));
          const d = deltaE00(see(palette[i]!), see(palette[j]!));
          if (d < min) [min, pair] = [d, `${palette[i]}/${palette[j]}`];
        }
      }
      console.log(`palette, ${vision}: smallest ΔE00 = ${min.toFixed(1)} (${pair})`);
      expect(min, vision).toBeGreaterThanOrEqual(10);
    }
  });

  it("draws every colour with at least 3 : 1 contrast on white (WCAG 1.4.11)", () => {
    const ratios = palette.map(contrastOnWhite);
    console.log(`contrast on white: ${palette.map((c, i) => `${c} ${ratios[i]!.toFixed(2)}`).join(", ")}`);
    for (let i = 0; i < palette.length; i++) expect(ratios[i]!, palette[i]).toBeGreaterThanOrEqual(3);
  });

  it("the contrast written out here: black on white is 21 : 1, #767676 is 4.54 : 1 (the WCAG grey), Okabe–Ito's orange and sky blue fail 3 : 1", () => {
    expect(contrastOnWhite("#000000")).toBeCloseTo(21, 10);
    expect(contrastOnWhite("#767676")).toBeCloseTo(4.54, 2);
    expect(contrastOnWhite("#E69F00")).toBeLessThan(3);
    expect(contrastOnWhite("#56B4E9")).toBeLessThan(3);
  });

  it("gives each series its own dash and marker symbol as well as its colour", () => {
    expect(new Set(seriesDashes).size).toBe(palette.length);
    expect(new Set(seriesSymbols).size).toBe(palette.length);
    expect([seriesColor(0), seriesDash(0), seriesSymbol(0)]).toEqual(["#0072B2", "solid", "circle"]);
    expect([seriesColor(9), seriesDash(9), seriesSymbol(9)]).toEqual([palette[1], "dash", "square"]);
  });
});

describe("withDistinctSeries", () => {
  it("adds the dash (lines) or symbol (markers) of a trace's palette colour, keeps explicit ones, colours uncoloured traces in order", () => {
    const fig = withDistinctSeries({
      data: [
        { type: "scatter", mode: "lines", name: "a", x: [0], y: [0], line: { color: palette[0] } },
        { type: "scatter", mode: "lines", name: "b", x: [0], y: [0], line: { color: palette[2], width: 2 } },
        { type: "scatter", mode: "lines", name: "c", x: [0], y: [0], line: { color: palette[1], dash: "dot" } },
        { type: "scatter", mode: "markers", name: "d", x: [0], y: [0], marker: { color: palette[3] } },
        { type: "scatter", mode: "lines", name: "e", x: [0], y: [0] },
        { type: "scatter", mode: "lines", name: "f", x: [0], y: [0] },
        { type: "scatter", mode: "lines", name: "contour", x: [0], y: [0], line: { color: "#21918c" } },
      ] as Trace[],
      layout: {},
    });
    const look = fig.data.map((t) => [t.line?.color, t.line?.dash, (t.marker as { symbol?: string } | undefined)?.symbol]);
    expect(look).toEqual([
      ["#0072B2", "solid", undefined],
      ["#009E73", "dashdot", undefined],   // "dot", its own, is set by hand on c: the next one
      ["#D55E00", "dot", undefined],
      [undefined, undefined, "triangle-up"],
      ["#0072B2", "solid", undefined],
      ["#D55E00", "dash", undefined],
      ["#21918c", undefined, undefined],
    ]);
    expect(fig.data[1]!.line!.width).toBe(2);
  });

  it("maps colours of the old palette written by hand (category10) to the palette colour of the same index, in arrays too", () => {
    const fig = withDistinctSeries({
      data: [
        { type: "bar", x: [1, 2], y: [1, 0], marker: { color: ["#2ca02c", "#d62728"] } },
        { type: "scatter", mode: "lines", x: [0], y: [0], line: { color: "#7f7f7f" } },
      ] as Trace[],
      layout: {},
    });
    expect((fig.data[0]!.marker as { color: string[] }).color).toEqual(["#009E73", "#CC79A7"]);
    expect([fig.data[1]!.line!.color, fig.data[1]!.line!.dash]).toEqual(["#666666", "2px,6px"]);
  });
});
