/**
 * Class analytics over graded results (pure functions, no I/O): per task how many passed, the mean
 * score and the discrimination; the known mistakes the class's feedback named, counted in students;
 * per exercise the distribution of points. `writeClassReports` (batch.ts) writes them as CSV and
 * `summaryHtml` (report/report.ts) shows them.
 */
import type { GradeResult } from "../score/score";
import { MISTAKE_PREFIX } from "../feedback/explain";

/** What one task did across the class. */
export interface TaskStats {
  exercise: string;
  part: string;
  title: string;
  /** Points the task is worth. */
  points: number;
  /** Students counted (every result given; a result without the task counts as failed with 0). */
  students: number;
  passed: number;
  /** Mean points scored on the task. */
  mean: number;
  /** Corrected item-total correlation (see `discrimination`); null when undefined. */
  discrimination: number | null;
}

/** A known mistake and how many students' feedback named it. */
export interface MistakeCount {
  exercise: string;
  /** The mistake as the feedback words it (the manifest's `what`). */
  mistake: string;
  /** Students whose feedback names it on at least one failed task of the exercise. */
  students: number;
}

/** How the points of one exercise are spread over the class. */
export interface PointsDistribution {
  exercise: string;
  max: number;
  /** Each score some student got, ascending, with how many students got it. */
  counts: Array<{ points: number; students: number }>;
}

/** Everything `classAnalytics` computes. */
export interface ClassAnalytics {
  students: number;
  /** Hardest first: see `classAnalytics`. */
  tasks: TaskStats[];
  /** Most frequent first. */
  mistakes: MistakeCount[];
  /** In the order of the exercises given. */
  points: PointsDistribution[];
}

/** The known mistake a task's feedback output names (none when it names none). */
export function namedMistakes(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith(MISTAKE_PREFIX))
    .map((line) => line.slice(MISTAKE_PREFIX.length))
    .filter((what) => what !== "");
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Discrimination of a task: the corrected item-total correlation, i.e. the Pearson correlation,
 * over students i, between the task's score x_i and the rest of the student's total
 * y_i = t_i − x_i (t_i: the student's points summed over every task analysed), so that the task
 * is not correlated with itself:
 *
 *   r = Σ (x_i − x̄)(y_i − ȳ) / √( Σ (x_i − x̄)² · Σ (y_i − ȳ)² )
 *
 * It is undefined (null) when the task's scores or the rest scores are all equal (zero variance:
 * everyone passed, everyone failed, or the rest of the total does not vary), which includes a
 * class of fewer than two students; that case is tested by exact equality, not by a tolerance.
 * Near 1: the students who pass the task are those who do well elsewhere; near 0 or negative:
 * the task does not separate strong from weak students (a rule of thumb flags r < 0.2).
 */
export function discrimination(task: number[], totals: number[]): number | null {
  if (task.length !== totals.length) throw new Error("discrimination: one total per task score");
  const rest = totals.map((t, i) => t - task[i]!);
  const constant = (xs: number[]) => xs.every((x) => x === xs[0]);
  if (constant(task) || constant(rest)) return null;
  const mx = mean(task);
  const my = mean(rest);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < task.length; i++) {
    const dx = task[i]! - mx, dy = rest[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Splits a test name "<exercise> <part>: <title>" of one of `exercises`. */
function splitName(name: string, exercises: string[]): { exercise: string; part: string; title: string } | null {
  const exercise = exercises.find((id) => name.startsWith(id + " "));
  if (!exercise) return null;
  const rest = name.slice(exercise.length + 1);
  const colon = rest.indexOf(": ");
  return colon < 0 ? { exercise, part: "", title: rest } : { exercise, part: rest.slice(0, colon), title: rest.slice(colon + 2) };
}

/**
 * The class analytics of `results` on `exercises`. Tasks are those the results report for these
 * exercises; they are sorted hardest first (fewest passed), then least discriminating first (an
 * undefined discrimination after every defined one), then by exercise and name. Mistakes are
 * counted once per student and exercise however many tasks name them, most frequent first.
 */
export function classAnalytics(exercises: string[], results: GradeResult[]): ClassAnalytics {
  const tasks = new Map<string, { exercise: string; part: string; title: string; points: number; order: number }>();
  for (const r of results) {
    for (const t of r.tests) {
      const split = splitName(t.name, exercises);
      if (split && !tasks.has(t.name)) tasks.set(t.name, { ...split, points: t.max_score, order: tasks.size });
    }
  }
  const byName = results.map((r) => new Map(r.tests.map((t) => [t.name, t])));
  const scores = new Map([...tasks.keys()].map((name) => [name, byName.map((m) => m.get(name)?.score ?? 0)]));
  const totals = results.map((_, i) => [...scores.values()].reduce((a, s) => a + s[i]!, 0));
  const taskStats = [...tasks].map(([name, t]) => {
    const x = scores.get(name)!;
    return {
      order: t.order,
      stats: {
        exercise: t.exercise, part: t.part, title: t.title, points: t.points,
        students: results.length,
        passed: byName.filter((m) => m.get(name)?.status === "passed").length,
        mean: results.length ? mean(x) : 0,
        discrimination: discrimination(x, totals),
      } satisfies TaskStats,
    };
  });
  taskStats.sort((a, b) => {
    const da = a.stats.discrimination ?? Infinity, db = b.stats.discrimination ?? Infinity;
    return a.stats.passed - b.stats.passed || (da === db ? 0 : da < db ? -1 : 1) || a.order - b.order;
  });

  const named = new Map<string, MistakeCount>();
  for (const r of results) {
    const mine = new Set<string>();
    for (const t of r.tests) {
      if (t.status !== "failed") continue;
      const split = splitName(t.name, exercises);
      if (split) for (const what of namedMistakes(t.output)) mine.add(JSON.stringify([split.exercise, what]));
    }
    for (const key of mine) {
      const [exercise, mistake] = JSON.parse(key) as [string, string];
      const m = named.get(key) ?? named.set(key, { exercise, mistake, students: 0 }).get(key)!;
      m.students++;
    }
  }
  const mistakes = [...named.values()].sort(
    (a, b) => b.students - a.students || exercises.indexOf(a.exercise) - exercises.indexOf(b.exercise) || (a.mistake < b.mistake ? -1 : a.mistake > b.mistake ? 1 : 0),
  );

  const points = exercises.map((exercise) => {
    const counts = new Map<number, number>();
    for (const r of results) {
      const s = r.exercises[exercise]?.score ?? 0;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return {
      exercise,
      max: results.find((r) => r.exercises[exercise])?.exercises[exercise]!.max ?? 0,
      counts: [...counts].sort((a, b) => a[0] - b[0]).map(([p, students]) => ({ points: p, students })),
    };
  });
  return { students: results.length, tasks: taskStats.map((t) => t.stats), mistakes, points };
}
