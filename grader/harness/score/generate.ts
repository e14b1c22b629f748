/**
 * Generating the manifest from the hidden suites (vitest collection only: no student code is
 * involved). `grader/manifest.json` is checked in; a test asserts it is current.
 */
import { Grader } from "../run/runner";
import { DEFAULT_SUITES, buildManifest, suiteSources, type Manifest } from "./manifest";

/** Collects every task the suites in `suitesDir` declare, with the suites' hashes. */
export async function generateManifest(suitesDir: string = DEFAULT_SUITES, exercises?: string[]): Promise<Manifest> {
  const g = await Grader.create({ suitesDir, exercises, typeCheck: false });
  try {
    return buildManifest(await g.collectTasks(), g.exercises, suiteSources(suitesDir));
  } finally {
    await g.close();
  }
}
