/**
 * Generating the manifest of expected tasks from the hidden suites (vitest collection only: no
 * student code is involved). `grader/manifest.json` is checked in; a test asserts it is current.
 */
import * as path from "node:path";
import { Grader, REPO_ROOT } from "../run/runner";
import { buildManifest, type Manifest } from "./score";

/** Default suites folder and manifest file. */
export const DEFAULT_SUITES = path.join(REPO_ROOT, "grader", "suites");
export const DEFAULT_MANIFEST = path.join(REPO_ROOT, "grader", "manifest.json");

/** Collects every task the suites in `suitesDir` declare. */
export async function generateManifest(suitesDir: string = DEFAULT_SUITES, exercises?: string[]): Promise<Manifest> {
  const g = await Grader.create({ suitesDir, exercises, typeCheck: false });
  try {
    return buildManifest(await g.collectTasks(), g.exercises);
  } finally {
    await g.close();
  }
}

/** The manifest as its checked-in text. */
export function manifestText(m: Manifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}
