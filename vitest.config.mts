import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // exercises/*/public.test.ts fail on the starters by design: test/exercises runs them against the references.
    include: ["test/**/*.test.ts"],
    // Fixture suites are hidden suites of a fake exercise: only the grader runs them.
    exclude: ["test/**/fixtures/**", "node_modules/**"],
    pool: "forks",
    // Notebook and browser tests set their own, longer timeouts per test.
    testTimeout: 10_000,
  },
});
