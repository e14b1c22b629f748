/**
 * The hostile submissions of the security suite (test/grader/security.test.ts), graded against
 * the fixture exercises zz-demo (parts a 1, b 1, c 2, d 2, e 1 points) and zz-second (1 point).
 * Folder cases live in `cases/<slug>/` as `*.ts.txt` (so the project's type check skips them);
 * the test copies them to `*.ts`, replacing `__REPO__` with the repository path and `__PORT__`
 * with a local HTTP server's port. `build` cases are made by the test (symlinks, bad bytes, zips).
 *
 * `expected` is the score the submission's code honestly earns: the points of the parts it
 * answers correctly by ordinary means. An attack that worked would raise the score above it (or
 * break the grading of other submissions in the same batch).
 */

/** One hostile submission. */
export interface SecurityCase {
  slug: string;
  /** The attack family from the threats note. */
  family: string;
  /** What it tries. */
  attack: string;
  /** Honest score out of 8. */
  expected: number;
  /** Built by the test instead of copied from `cases/<slug>`. */
  build?: "symlink" | "huge" | "non-utf8" | "zip-bomb" | "zip-traversal" | "zip-entries";
  /** The expected score depends on the seeded Math.random (checked separately). */
  seeded?: boolean;
}

export const CASES: SecurityCase[] = [
  { slug: "read-hidden-direct", family: "reading hidden files", attack: "fs reads of the hidden suite, solution, manifest by absolute path; parses the expected letter", expected: 7 },
  { slug: "read-hidden-proc", family: "reading hidden files", attack: "relative paths, /proc/1/cwd, /proc/self/root, other processes' cmdline and environ, process.binding", expected: 7 },
  { slug: "read-via-runner", family: "reading hidden files via the runner", attack: "vitest worker globals, process.send to the runner, connecting to every Unix socket it can find", expected: 7 },
  { slug: "symlink-import", family: "symlinks", attack: "exercise.ts re-exports ./sol.ts, a symlink to the reference solution", expected: 1, build: "symlink" },
  { slug: "tamper-globals", family: "tampering with globals and prototypes", attack: "Object.is, JSON.parse, Array.prototype, Promise.prototype, a global expect, Object.prototype.asymmetricMatch", expected: 0 },
  { slug: "forged-proxy", family: "forged equality", attack: "a Proxy posing as a string and as a number array", expected: 5 },
  { slug: "forged-accessor", family: "forged equality", attack: "getters that change between reads; an array-like object with a length getter", expected: 6 },
  { slug: "forged-thenable-tojson", family: "forged equality", attack: "toJSON/valueOf/toString objects, a thenable, an asymmetric matcher object (a real async function is fine)", expected: 4 },
  { slug: "exit-at-import", family: "early exit", attack: "process.exit(0) while the file loads", expected: 1 },
  // In the sandbox the student process is pid 1 of its own pid namespace: its parent is outside
  // it, kill(-1) reaches only its own children, and pid 1 ignores its own SIGKILL. So the kills
  // harm nothing and the function still returns x·k: full marks are its honest score.
  { slug: "kill-parent", family: "killing the parent", attack: "process.kill(process.ppid), kill(1), kill(-1), kill(self) with SIGKILL", expected: 8 },
  { slug: "loop-sync", family: "infinite loops", attack: "for (;;) {} in a function", expected: 6 },
  { slug: "loop-async", family: "infinite loops", attack: "a never-settling promise; an endless microtask loop", expected: 5 },
  { slug: "loop-at-import", family: "infinite loops", attack: "while (true) {} while the file loads", expected: 1 },
  // Calls are limited in CPU time, and a process is stopped between its calls: the hog's own work
  // is right, and the slow honest submission graded beside it keeps every point.
  { slug: "cpu-hog", family: "CPU floods", attack: "from import on, pbkdf2 on four libuv threads and an endless chain of CPU-bound slices, while answering correctly", expected: 7 },
  { slug: "cpu-victim", family: "CPU floods", attack: "(the victim) honest answers that take about 0.4 s of CPU time per call", expected: 7 },
  { slug: "memory-flood", family: "memory floods", attack: "unbounded heap growth; a 4 GB Float64Array", expected: 4 },
  { slug: "output-flood", family: "output floods and fake reporter lines", attack: "gigabytes of fake vitest '✓ … passed' lines on stdout", expected: 7 },
  { slug: "fork-exec", family: "fork/exec", attack: "execSync through /bin/sh, a 500-process fork bomb", expected: 7 },
  { slug: "network", family: "network", attack: "fetch from a local server (that would make the answer right) and from the internet", expected: 6 },
  // Its forged answers are refused at the wire's bounds, as the answers of that submission's own
  // calls: partA (answered before the file loads its stdin reader) and range (flooded, then
  // answered) keep their points.
  { slug: "deep-answer", family: "oversized values", attack: "forged answer lines for its own calls: arrays and objects nested 100 000 deep, a 300 000-character string, 20 000 answer-shaped lines", expected: 2 },
  // Its own words reach the feedback with every number blanked.
  { slug: "harvest-inputs", family: "feedback as an output channel", attack: "throws the arguments it received (JSON, String, toExponential, toFixed), puts them in an error's name and a returned object's keys, prints them", expected: 2 },
  { slug: "fake-results", family: "writing result files and fake reporter lines", attack: "writes results.json where graders look; prints forged protocol answers and a vitest summary", expected: 0 },
  { slug: "env-snoop", family: "environment snooping", attack: "process.env, /proc/self/environ, os.userInfo/hostname/networkInterfaces (the test plants a canary in the grader's environment)", expected: 7 },
  // Every clock reads 0 and /tmp holds 8 MiB: the answers below are wrong every time (never
  // sometimes right), and the flood of writes fails without harming the process.
  { slug: "clock-sources", family: "non-determinism", attack: "answers that depend on process.uptime, process.cpuUsage, resourceUsage, os.uptime and /proc/uptime", expected: 3 },
  // The same, through the paths around the frozen clocks: the real Date behind the frozen one,
  // performance marks, Intl, /proc and os, fresh contexts, workers and child processes. Every
  // one is closed, so these answers are wrong every time.
  { slug: "clock-escapes", family: "non-determinism", attack: "Object.getPrototypeOf(Date).now(), performance.mark/timeOrigin/eventLoopUtilization, Intl.DateTimeFormat().format(), memoryUsage, /proc/self/stat, /proc/stat, os.cpus/loadavg/freemem, vm.runInNewContext, a worker, a child node process", expected: 2 },
  // Entropy and clocks the runtime does not freeze but removes: random devices, key generation,
  // HTTP's Date header, timer internals, file-system figures, WASI, terminals.
  { slug: "entropy", family: "non-determinism", attack: "/dev/urandom, /dev/random, generatePrimeSync, createECDH, generateKeySync, subtle.generateKey, http.ServerResponse's Date header, timers.enroll/_idleStart, stdin.setTimeout, statfs, inode numbers, WASI's clock, /dev/ptmx, performance's prototype, Event.timeStamp, File.lastModified, crypto's ECDH and DiffieHellmanGroup classes, import() through a module compiled from process.mainModule's constructor and through vm's main-context loader", expected: 2 },
  { slug: "disk-fill", family: "disk floods", attack: "fills /tmp with 1 MiB files, then writes 2 MiB to /, the submission, the runtime, /dev, /dev/shm, /proc", expected: 7 },
  // Nothing in the sandbox is writable, so no file or inode is made; descriptors, watches and
  // sockets stop at RLIMIT_NOFILE; workers and processes are refused. Its honest work is whole.
  { slug: "resource-flood", family: "resource floods", attack: "a million empty files in each of /tmp, /dev/shm, /, /submission, /runtime, /dev; file descriptors, inotify watches and Unix sockets until refused; 1000 workers, child processes and process.binding", expected: 7 },
  { slug: "nondeterminism", family: "non-determinism", attack: "answers that depend on Date.now() and Math.random(), which a retry could win", expected: 5, seeded: true },
  { slug: "bad-types-exports", family: "bad submissions", attack: "a type error (graded anyway), a misspelt export, a wrong return type", expected: 5 },
  { slug: "syntax-error", family: "bad submissions", attack: "a syntax error in one exercise", expected: 1 },
  { slug: "throw-at-import", family: "bad submissions", attack: "throws while the file loads", expected: 1 },
  { slug: "huge-file", family: "huge files", attack: "a correct exercise.ts padded to 300 KB", expected: 1, build: "huge" },
  { slug: "non-utf8", family: "non-UTF-8 files", attack: "a correct exercise.ts with invalid UTF-8 bytes in a comment", expected: 1, build: "non-utf8" },
  { slug: "zip-bomb", family: "zip bombs", attack: "a .zip whose exercise.ts inflates to 100 MB, plus 200 MB of zeros elsewhere", expected: 1, build: "zip-bomb" },
  { slug: "zip-traversal", family: "path traversal and symlinks in archives", attack: "../ and absolute entry names carrying the reference, a symlink entry to the reference", expected: 1, build: "zip-traversal" },
  { slug: "zip-entries", family: "zip bombs", attack: "6000 entries before the real answer files", expected: 0, build: "zip-entries" },
];
