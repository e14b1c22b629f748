/**
 * Runs the public tests (`npm run check`). With EXERCISE_ANSWERS set to a directory shaped like
 * `exercises/` (e.g. the reference solutions), each public test's `./exercise` import is pointed
 * at `<dir>/<id>/exercise.ts` instead: that is how the project's tests check that the public tests
 * pass on the references.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const answers = process.env.EXERCISE_ANSWERS;
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  plugins: answers
    ? [
        {
          name: "exercise-answers",
          enforce: "pre",
          resolveId(source: string, importer: string | undefined) {
            const m = importer?.match(/exercises[\\/]([^\\/]+)[\\/]public\.test\.ts$/);
            return source === "./exercise" && m ? path.resolve(answers, m[1]!, "exercise.ts") : null;
          },
        },
      ]
    : [],
  // One module cache for all the files (isolate: false): mathjs and lib/ load once, so a run takes
  // seconds, not half a minute; each file still imports its own answer file.
  test: { root, include: ["exercises/*/public.test.ts"], pool: "threads", isolate: false },
});
