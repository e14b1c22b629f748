/**
 * Writing reports safely: atomic writes (a temporary file in the same folder, then rename) that
 * leave nothing behind when they fail, a check that the output folder is writable and has room
 * before any grading, and the removal of temporary files and folders left by a killed run.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { InstructorError } from "../errors";

/** The fix to suggest for a failed write, by error code. */
function writeFix(code: string | undefined): string {
  if (code === "ENOSPC" || code === "EDQUOT") return "the disk is full: free some space and rerun (finished results are kept)";
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "the output folder is not writable: choose another --out or fix its permissions";
  return "check the output folder and rerun";
}

/** Writes a file atomically; on failure removes the temporary file and throws an `InstructorError`. */
export function writeAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new InstructorError(`could not write ${file} (${code ?? (e as Error).message}): ${writeFix(code)}`);
  }
}

/**
 * Checks, before grading, that `outDir` can be created and written and has about `bytes` free
 * (the free-space figure is a first estimate: a disk that fills later is still reported).
 */
export function checkOutput(outDir: string, bytes: number): void {
  const probe = path.join(outDir, `.write-test-${process.pid}`);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(probe, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOTDIR" || code === "EEXIST" ? "a file is in the way" : code ?? (e as Error).message;
    throw new InstructorError(`cannot write to the output folder ${outDir} (${why}): choose another --out or fix its permissions`);
  } finally {
    fs.rmSync(probe, { force: true });
  }
  const st = fs.statfsSync(outDir);
  const free = st.bavail * st.bsize;
  if (free < bytes) {
    const mb = (x: number) => `${Math.ceil(x / 2 ** 20)} MB`;
    throw new InstructorError(`not enough free space for the results in ${outDir}: about ${mb(bytes)} needed, ${mb(free)} free; free some space or choose another --out`);
  }
}

/** Whether a process with this pid is running on this machine. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

const TMP_FILE = /\.tmp-(\d+)-[0-9a-f]{8}$/;

/**
 * Removes the `*.tmp-<pid>-*` files that `writeAtomic` calls of a run killed with `kill -9` left
 * in `dir` and its sub-folders (one level), when that pid is no longer running.
 */
export function removeStaleTemps(dir: string): void {
  const sweep = (folder: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const m = e.isFile() ? TMP_FILE.exec(e.name) : null;
      if (m && !alive(Number(m[1]))) fs.rmSync(path.join(folder, e.name), { force: true });
      else if (e.isDirectory() && depth > 0) sweep(path.join(folder, e.name), depth - 1);
    }
  };
  sweep(dir, 2);
}

/** Removes the folders `<prefix><pid>-*` in `dir` whose pid is no longer running (work folders of killed runs). */
export function removeStaleFolders(dir: string, prefix: string): void {
  for (const name of fs.readdirSync(dir)) {
    const m = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (m && !alive(Number(m[1]))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
