// npm run site:serve's static server (scripts/serve.ts): files under the base path with their MIME
// types, a folder's index.html, nothing outside the base or the folder, and one line when the site
// has not been built.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/notebooks";
import { serveStatic } from "../../scripts/serve";

let dir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  const top = mkdtempSync(join(tmpdir(), "serve-"));
  dir = join(top, "site");
  mkdirSync(join(dir, "lite", "lab"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<p>index</p>");
  writeFileSync(join(dir, "lite", "lab", "index.html"), "<p>lab</p>");
  writeFileSync(join(dir, "all.json"), "{}");
  writeFileSync(join(top, "secret.txt"), "not served");
  server = await serveStatic(dir, { base: "/course/" });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => {
  server?.close();
  rmSync(join(dir, ".."), { recursive: true, force: true });
});

describe("serveStatic", () => {
  it("serves files under the base path with their types, and a folder's index.html", async () => {
    const json = await fetch(`${origin}/course/all.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await (await fetch(`${origin}/course/lite/lab/`)).text()).toBe("<p>lab</p>");
    expect(await (await fetch(`${origin}/course/`)).text()).toBe("<p>index</p>");
  });

  it("serves nothing outside the base path or the folder, encoded dots included", async () => {
    expect((await fetch(`${origin}/all.json`)).status).toBe(404);
    expect((await fetch(`${origin}/course/missing.js`)).status).toBe(404);
    // An encoded slash survives URL parsing and decodes to "../": sent as is (fetch would normalise it).
    const status = await new Promise<number>((done, fail) =>
      get(`${origin}/course/..%2fsecret.txt`, (res) => done(res.statusCode ?? 0)).on("error", fail));
    expect(status).toBe(403);
  });
});

describe("npm run site:serve", () => {
  it("says in one line that the site is not built, and how to build it", () => {
    const empty = mkdtempSync(join(tmpdir(), "serve-empty-"));
    try {
      const run = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/serve.ts", "--dir", empty], { cwd: ROOT, encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toEqual([`site:serve: ${empty}/lite/ has no browser edition; build it first with npm run site`]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
