// A figure's key feature (issue 23): the sentence a lesson writes about the figure from its data,
// which opens the figure's text alternative (describeFigure). Expected texts written out by hand.
import { describe, expect, it } from "vitest";
import { describeFigure, formatNumber, keyFeatureSentence, type Figure } from "../../src/figures/index";

describe("keyFeatureSentence", () => {
  it("ends the sentence with a full stop unless it has one, and collapses white space", () => {
    expect(keyFeatureSentence("the loss reaches 0.02")).toBe("the loss reaches 0.02.");
    expect(keyFeatureSentence("  The rate halves   every\n250 steps. ")).toBe("The rate halves every 250 steps.");
    expect(keyFeatureSentence("Does it converge?")).toBe("Does it converge?");
    expect(keyFeatureSentence("It diverges!")).toBe("It diverges!");
    expect(keyFeatureSentence(undefined)).toBe("");
  });

  it("refuses an empty text or a value that is not a string, naming it", () => {
    expect(() => keyFeatureSentence("")).toThrow(/keyFeature must be a non-empty sentence .*got ""/);
    expect(() => keyFeatureSentence("   ")).toThrow(TypeError);
    expect(() => keyFeatureSentence(0.02)).toThrow(/got 0\.02/);
    expect(() => keyFeatureSentence(null)).toThrow(/got null/);
  });
});

describe("describeFigure with a key feature", () => {
  // A cosine from 0.1 to 0 over 1000 steps, sampled at 0, 250, 500, 750, 1000:
  // 0.05·(1 + cos(πk/1000)) = 0.1, 0.0853553…, 0.05, 0.0146446…, 0.
  const y = [0.1, 0.05 * (1 + Math.SQRT1_2), 0.05, 0.05 * (1 - Math.SQRT1_2), 0];
  const fig: Figure = {
    data: [{ type: "scatter", mode: "lines", name: "cosine", x: [0, 250, 500, 750, 1000], y: y }],
    layout: { title: { text: "Cosine decay" }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "learning rate" } } },
  };
  const chart = "Line chart 'Cosine decay': x step 0–1000, y learning rate 0–0.1; cosine: falls from 0.1 at step 0 to 0 at step 1000.";

  it("puts the key feature, as a sentence, before the chart's description", () => {
    const loss = 0.0200004;   // reads as 0.02 (3 significant digits)
    const key = `the cosine schedule falls from ${formatNumber(y[0]!)} to ${formatNumber(y[4]!)} over ${1000} steps; the loss reaches ${formatNumber(loss)}`;
    const d = describeFigure({ ...fig, keyFeature: key });
    expect(d.keyFeature).toBe("the cosine schedule falls from 0.1 to 0 over 1000 steps; the loss reaches 0.02.");
    expect(d.text).toBe(`the cosine schedule falls from 0.1 to 0 over 1000 steps; the loss reaches 0.02. ${chart}`);
    // The rest of the description is what it is without a key feature.
    expect(d.series).toEqual(["cosine: falls from 0.1 at step 0 to 0 at step 1000"]);
    expect(describeFigure(fig).text).toBe(chart);
    expect(describeFigure(fig).keyFeature).toBe("");
  });

  it("refuses a key feature that is not a sentence", () => {
    expect(() => describeFigure({ ...fig, keyFeature: " " })).toThrow(/keyFeature must be a non-empty sentence/);
  });
});
