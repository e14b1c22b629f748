// Runs the schedule command line from a bundle that esbuild builds from src/cli/schedule.ts the
// first time and again whenever one of the bundled sources is newer than it (the list comes from
// esbuild's metafile). Plain JavaScript, so that a call starts in node alone, without tsx.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = join(root, "node_modules", ".cache", "schedule-cli");
const bundle = join(dir, "schedule.mjs");
const inputs = join(dir, "inputs.json");

function stale() {
  if (!existsSync(bundle) || !existsSync(inputs)) return true;
  const built = statSync(bundle).mtimeMs;
  return JSON.parse(readFileSync(inputs, "utf8")).some((f) => !existsSync(join(root, f)) || statSync(join(root, f)).mtimeMs > built);
}

if (stale()) {
  const { build } = await import("esbuild");
  mkdirSync(dir, { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["src/cli/schedule.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: tmp,
    metafile: true,
    logLevel: "error",
  });
  writeFileSync(`${inputs}.${process.pid}.tmp`, JSON.stringify(Object.keys(result.metafile.inputs)));
  renameSync(tmp, bundle);
  renameSync(`${inputs}.${process.pid}.tmp`, inputs);
}
const { main } = await import(pathToFileURL(bundle).href);
main(process.argv.slice(2));
