import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "exercises/**/*.test.ts"],
    pool: "forks",
    // Notebook and browser tests set their own, longer timeouts per test.
    testTimeout: 10_000,
  },
});
