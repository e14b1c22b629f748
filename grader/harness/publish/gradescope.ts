/**
 * The Gradescope autograder zip (`export-gradescope --out <zip>`): `setup.sh` (Node 20,
 * bubblewrap, npm ci) and `run_autograder` (grades /autograder/submission into
 * /autograder/results/results.json) at the top, the grader sources beside them (Gradescope
 * unpacks the zip into /autograder/source). Reference and wrong solutions are not included.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import yazl from "yazl";
import { listFiles } from "./release";
import { REPO_ROOT } from "../run/runner";

/** Paths (relative to the repo) the autograder needs; folders are copied whole. */
const SOURCES = ["package.json", "package-lock.json", "tsconfig.json", "grader/cli.ts", "grader/harness", "grader/suites", "grader/manifest.json", "exercises/lib", "src"];

const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once when building the autograder image (Ubuntu, as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg bubblewrap util-linux
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
cd /autograder/source
npm ci --no-audit --no-fund
`;

const RUN_AUTOGRADER = `#!/usr/bin/env bash
# Gradescope runs this for every submission. The grader writes results.json itself; it uses
# bubblewrap when the container allows it and otherwise says in the results which protections
# were active.
set -uo pipefail
cd /autograder/source
mkdir -p /autograder/results
node_modules/.bin/tsx grader/cli.ts grade /autograder/submission --out /autograder/results
status=$?
if [ ! -s /autograder/results/results.json ]; then
  echo '{"score":0,"output":"The autograder failed before producing results; please tell your instructor.","tests":[]}' > /autograder/results/results.json
fi
exit $status
`;

/** Writes the autograder zip; returns the list of entries. */
export async function exportGradescope(zipPath: string, root: string = REPO_ROOT): Promise<string[]> {
  const zip = new yazl.ZipFile();
  const entries: string[] = [];
  const add = (name: string, data: Buffer, mode = 0o644) => {
    zip.addBuffer(data, name, { mode, mtime: new Date(0) });
    entries.push(name);
  };
  add("setup.sh", Buffer.from(SETUP_SH), 0o755);
  add("run_autograder", Buffer.from(RUN_AUTOGRADER), 0o755);
  for (const src of SOURCES) {
    const abs = path.join(root, src);
    if (!fs.existsSync(abs)) throw new Error(`missing ${src}: run npm run grade:manifest first if it is the manifest`);
    const files = fs.statSync(abs).isDirectory() ? listFiles(abs).map((f) => `${src}/${f}`) : [src];
    for (const f of files) if (fs.lstatSync(path.join(root, f)).isFile()) add(f, fs.readFileSync(path.join(root, f)));
  }
  fs.mkdirSync(path.dirname(path.resolve(zipPath)), { recursive: true });
  const tmp = `${zipPath}.tmp-${process.pid}`;
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(tmp);
    out.on("close", () => resolve());
    out.on("error", reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
  fs.renameSync(tmp, zipPath);
  return entries;
}
