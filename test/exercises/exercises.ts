/** The exercise ids, read from `exercises/` (every folder but `lib`), shared by the exercise tests. */
import { readdirSync } from "node:fs";
import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "../..");

/** Every exercise id: a01…a12, b01…b11, practice, quiz. */
export const IDS = readdirSync(path.join(ROOT, "exercises"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "lib")
  .map((d) => d.name)
  .sort();
