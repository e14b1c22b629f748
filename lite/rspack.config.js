// The rspack configurations that build the browser edition's JupyterLab (lite/app/index.js and the
// course's plugins) into <out>/build/, with the extensions' settings schemas
// (<out>/build/schemas/all.json, as JupyterLite serves them) and the light theme. scripts/lite.ts
// calls `configs(out, mode)`.
const path = require("path");
const fs = require("fs");
const rspack = require("@rspack/core");
const merge = require("webpack-merge").default;
const { Build } = require("@jupyter/builder");
const baseConfig = require("@jupyter/builder/lib/webpack.config.base");

const EXTENSIONS = fs
  .readFileSync(path.join(__dirname, "app", "index.js"), "utf8")
  .split("\n")
  .map((line) => /^\s*require\("(@[^"]+)"\),$/.exec(line)?.[1])
  .filter((name) => name !== undefined);

/** Writes build/schemas/all.json: every extension's settings schema, as JupyterLite's settings service reads them. */
class AllSchemas {
  constructor(build) {
    this.build = build;
  }

  apply(compiler) {
    const build = this.build;
    compiler.hooks.done.tap("AllSchemas", () => {
      const dir = path.join(build, "schemas");
      const all = [];
      for (const pkg of fs.readdirSync(dir, { recursive: true })) {
        const file = path.join(dir, pkg);
        if (!file.endsWith(".json") || path.basename(file).startsWith("all") || file.endsWith("package.json.orig")) continue;
        const rel = path.relative(dir, file);
        const folder = path.dirname(rel);
        const version = JSON.parse(fs.readFileSync(path.join(dir, folder, "package.json.orig"), "utf8")).version;
        all.push({ id: `${folder}:${path.basename(rel, ".json")}`, raw: "{}", schema: JSON.parse(fs.readFileSync(file, "utf8")), settings: {}, version });
      }
      all.sort((a, b) => a.id.localeCompare(b.id));
      fs.writeFileSync(path.join(dir, "all.json"), JSON.stringify(all));
      fs.writeFileSync(path.join(dir, "all_federated.json"), "[]");
    });
  }
}

/** The configurations for `out` in `mode` ("development" or "production"). */
function configs(out, mode) {
  const build = path.join(out, "build");
  const assets = Build.ensureAssets({ packageNames: EXTENSIONS, output: build, schemaOutput: build, themeOutput: build });
  const all = [
    merge(baseConfig, {
      mode,
      devtool: false,
      entry: { bundle: path.join(__dirname, "app", "index.js") },
      context: __dirname,
      output: { path: build, filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", publicPath: "auto", clean: false },
      resolve: { extensions: [".ts", ".js"], fallback: { util: false } },
      module: {
        rules: [
          { resourceQuery: /raw/, type: "asset/source" },
          { test: /\.(jpe?g|png|gif|ico|eot|ttf|map|woff2?)(\?v=\d+\.\d+\.\d+)?$/i, type: "asset/resource" },
          {
            test: /\.ts$/,
            exclude: /node_modules/,
            loader: "builtin:swc-loader",
            options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } },
            type: "javascript/auto",
          },
        ],
      },
      performance: { hints: false },
      stats: "errors-warnings",
      plugins: [new AllSchemas(build)],
    }),
  ].concat(assets);
  // Loaders and packages come from lite/node_modules, wherever the build is started from.
  for (const config of all) {
    config.context ??= __dirname;
    config.resolveLoader = { modules: [path.join(__dirname, "node_modules"), "node_modules"] };
  }
  return all;
}

module.exports = { configs };
