/**
 * Packaging mistakes get a message that says what was found and what to do (issue 9 §5), and
 * folders and zips follow one rule: the exercise folders are the shallowest `<id>/` at most
 * MAX_DEPTH folders down.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { intake, MAX_DEPTH } from "../../grader/harness/intake/prepare";
import { makeSubmission, tmpDir, writeZip } from "./helpers";

const IDS = ["a01-step-decay", "b01-adagrad"];
const ANSWER = "export const x = 1;\n";

/** The intake of `files` as a folder and as a zip. */
async function both(files: Record<string, string>) {
  const zip = path.join(tmpDir(), "s.zip");
  await writeZip(zip, files);
  return [await intake(makeSubmission(files), IDS), await intake(zip, IDS)];
}

const message = (r: Awaited<ReturnType<typeof intake>>, id: string) => {
  const ex = r.exercises[id]!;
  return ex.ok ? "ok" : ex.message;
};

describe("packaging mistakes", () => {
  it("an empty zip says the archive is empty", async () => {
    const zip = path.join(tmpDir(), "empty.zip");
    await writeZip(zip, {});
    expect((await intake(zip, IDS)).notes).toEqual(["the archive is empty: zip the exercises folder (npm run submit does it) and submit again"]);
  });

  it("a misspelt exercise folder gets 'did you mean', in a folder and in a zip", async () => {
    for (const r of await both({ "a01-step-decy/exercise.ts": ANSWER, "b01-adagrad/exercise.ts": ANSWER })) {
      expect(message(r, "a01-step-decay")).toBe("missing: the submission has no a01-step-decay/exercise.ts (found a folder a01-step-decy/: did you mean a01-step-decay?)");
      expect(message(r, "b01-adagrad")).toBe("ok");
    }
    // case only, at the top with no exercise folder matched at all
    for (const r of await both({ "A01-Step-Decay/exercise.ts": ANSWER })) {
      expect(message(r, "a01-step-decay")).toMatch(/found a folder A01-Step-Decay\/: did you mean a01-step-decay\?/);
    }
  });

  it("exercise.js or Exercise.ts instead of exercise.ts names the file found", async () => {
    for (const r of await both({ "a01-step-decay/exercise.js": ANSWER, "b01-adagrad/Exercise.ts": ANSWER })) {
      expect(message(r, "a01-step-decay")).toBe("missing: a01-step-decay/ has no exercise.ts (found exercise.js: name it exercise.ts, in lower case)");
      expect(message(r, "b01-adagrad")).toBe("missing: b01-adagrad/ has no exercise.ts (found Exercise.ts: name it exercise.ts, in lower case)");
    }
  });

  it("finds answers up to MAX_DEPTH folders down in folders and zips alike, and says when they are deeper", async () => {
    expect(MAX_DEPTH).toBe(3);
    for (const r of await both({ "me/course/exercises/a01-step-decay/exercise.ts": ANSWER })) expect(message(r, "a01-step-decay")).toBe("ok");
    for (const r of await both({ "a/b/c/d/a01-step-decay/exercise.ts": ANSWER })) {
      expect(message(r, "a01-step-decay")).toBe(
        "missing: the submission has no a01-step-decay/exercise.ts (found a/b/c/d/a01-step-decay/, nested more than 3 folders deep: submit the exercises folder itself, as npm run submit does)",
      );
    }
    // the shallowest copy wins in both
    for (const r of await both({ "x/a01-step-decay/exercise.ts": ANSWER, "a01-step-decay/exercise.ts": "export const x = 2;\n" })) {
      const ex = r.exercises["a01-step-decay"]!;
      expect(ex.ok && ex.files["exercise.ts"]).toBe("export const x = 2;\n");
    }
  });
});
