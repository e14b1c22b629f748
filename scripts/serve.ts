// npm run site:serve: serves the built site (site/, with the browser edition in site/lite/) on
// 127.0.0.1, as a static host would. The browser edition needs a server: from file:// the browser
// refuses its JSON requests.
//   npm run site:serve -- [--port N] [--base /path/] [--dir site]
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { runCommand, type CommandSpec } from "./args";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".ipynb": "application/json; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2",
  ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject", ".wasm": "application/wasm", ".gz": "application/gzip",
  ".ts": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".zip": "application/zip",
};

/** Serves `dir` under the URL path `base` ("/" or "/course/") on 127.0.0.1:`port` (0: any free port). Resolves once listening. */
export function serveStatic(dir: string, options: { port?: number; base?: string } = {}): Promise<Server> {
  const root = resolve(dir);
  const base = `/${(options.base ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end("not found");
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache" });
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => done(server));
  });
}

const SERVE: CommandSpec = {
  usage: "npm run site:serve -- [--port N] [--base /path/] [--dir site]",
  summary: "Serves the built site (npm run site) on 127.0.0.1: the lessons' pages at /, the browser edition at /lite/.",
  options: {
    port: { type: "string", value: "<n>", help: "port", default: "8000" },
    base: { type: "string", value: "</path/>", help: "serve under this path, as a static host's subfolder would", default: "/" },
    dir: { type: "string", value: "<dir>", help: "folder to serve", default: "site" },
  },
  positionals: [0, 0],
};

async function main(): Promise<void> {
  const parsed = runCommand(SERVE, process.argv.slice(2));
  if (!parsed) return;
  const dir = String(parsed.values.dir ?? "site");
  if (!existsSync(join(dir, "lite", "lab", "index.html"))) {
    console.error(`site:serve: ${dir}/lite/ has no browser edition; build it first with npm run site`);
    process.exit(2);
  }
  const port = Number(parsed.values.port ?? 8000);
  const base = String(parsed.values.base ?? "/");
  const server = await serveStatic(dir, { port, base }).catch((e: Error) => {
    console.error(`site:serve: cannot listen on 127.0.0.1:${port} (${e.message}); choose another with --port`);
    process.exit(2);
  });
  const address = server.address();
  const at = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}${base.replace(/\/?$/, "/")}`;
  console.log(`Serving ${dir}/ at ${at} (the lessons) and ${at}lite/ (the browser edition). Ctrl-C stops it.`);
}

if (require.main === module) void main();
