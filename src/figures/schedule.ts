/** Figures of learning-rate schedules: curves with their phases shaded, and LR beside momentum. */
import type { Shape } from "plotly.js";
import { sample, type PhaseRun } from "../schedules/sample";
import type { Schedule } from "../schedules/schedule";
import { ArgumentError, integer, positiveInt } from "../validate";
import { downsample, MAX_POINTS } from "./downsample";
import { phaseColors, seriesColor, type Figure, type Trace } from "./figure";

/** A schedule with the name its curve gets in the legend. */
export interface NamedSchedule {
  name: string;
  schedule: Schedule;
}

/** Options of the schedule figures. */
export interface ScheduleFigureOptions {
  /** Steps to draw, 0…steps−1 (default the schedule's `totalSteps`; required when that is ∞). */
  steps?: number;
  title?: string;
  /** Logarithmic LR axis (default false). */
  logY?: boolean;
  /** Shade the phases of the first schedule (default true). */
  shadePhases?: boolean;
  /** Points per curve after downsampling (default 2000; see `downsampleIndices`). */
  maxPoints?: number;
}

/**
 * The shading of phase runs: one rectangle per run spanning x from `from − ½` to `to + ½`, so the
 * integer steps under a rectangle are exactly the run's steps; full height, labelled with the
 * phase, behind the curves.
 */
export function phaseShapes(runs: readonly PhaseRun[]): Partial<Shape>[] {
  return runs.map((r) => ({
    type: "rect",
    layer: "below",
    xref: "x",
    yref: "paper",
    x0: r.from - 0.5,
    x1: r.to + 0.5,
    y0: 0,
    y1: 1,
    fillcolor: phaseColors[r.phase],
    opacity: 0.15,
    line: { width: 0 },
    name: r.phase,
    label: { text: r.phase, textposition: "top center", font: { size: 10 } },
  }));
}

/**
 * Learning-rate curves of one or more schedules over steps 0…steps−1, the first schedule's
 * phases shaded and labelled (warmup, stable, decay, …).
 */
export function scheduleFigure(
  schedules: Schedule | readonly NamedSchedule[],
  o: ScheduleFigureOptions = {},
): Figure {
  const list: readonly NamedSchedule[] = typeof schedules === "function" ? [{ name: "learning rate", schedule: schedules }] : schedules;
  if (list.length === 0) throw new ArgumentError("schedules", [], "at least one schedule");
  const steps = stepsOf(list[0]!.schedule, o.steps);
  const maxPoints = o.maxPoints ?? MAX_POINTS;
  const sampled = list.map(({ schedule }) => sample(schedule, 0, steps - 1));
  const data: Trace[] = list.map(({ name }, i) => {
    const { x, y } = downsample(sampled[i]!.steps, sampled[i]!.lr, maxPoints);
    return { type: "scatter", mode: "lines", name, x, y, line: { color: seriesColor(i), width: 2 } };
  });
  return {
    data,
    layout: {
      title: { text: o.title ?? "Learning-rate schedule" },
      xaxis: { title: { text: "step" } },
      yaxis: { title: { text: "learning rate" }, type: o.logY ? "log" : "linear", exponentformat: "power" },
      shapes: (o.shadePhases ?? true) ? phaseShapes(sampled[0]!.phases) : [],
      showlegend: list.length > 1,
      margin: { t: 50 },
    },
  };
}

/**
 * A schedule's learning rate (left axis) and its paired momentum (right axis), phases shaded:
 * the one-cycle picture, where momentum falls while the LR rises and returns as the LR anneals.
 */
export function lrMomentumFigure(s: Schedule, o: ScheduleFigureOptions = {}): Figure {
  if (!s.momentum) throw new ArgumentError("schedule.momentum", undefined, "a schedule that prescribes a momentum (cyclic, one-cycle)");
  const steps = stepsOf(s, o.steps);
  const maxPoints = o.maxPoints ?? MAX_POINTS;
  const sampled = sample(s, 0, steps - 1);
  const lr = downsample(sampled.steps, sampled.lr, maxPoints);
  const momentum = downsample(sampled.steps, sampled.momentum!, maxPoints);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "learning rate", ...lr, line: { color: seriesColor(0), width: 2 } },
      { type: "scatter", mode: "lines", name: "momentum", ...momentum, yaxis: "y2", line: { color: seriesColor(1), width: 2, dash: "dash" } },
    ],
    layout: {
      title: { text: o.title ?? "Learning rate and momentum" },
      xaxis: { title: { text: "step" } },
      yaxis: { title: { text: "learning rate" }, type: o.logY ? "log" : "linear", exponentformat: "power" },
      yaxis2: { title: { text: "momentum" }, overlaying: "y", side: "right" },
      shapes: (o.shadePhases ?? true) ? phaseShapes(sampled.phases) : [],
      legend: { x: 0.5, xanchor: "center", y: -0.2, orientation: "h" },
      margin: { t: 50 },
    },
  };
}

function stepsOf(s: Schedule, steps: number | undefined): number {
  if (steps !== undefined) return positiveInt("steps", steps);
  if (s.totalSteps === Infinity) throw new ArgumentError("steps", steps, "a step count (the schedule is open-ended)");
  return integer("schedule.totalSteps", s.totalSteps, 1);
}
