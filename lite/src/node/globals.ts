// Node's globals that the bundled modules use, for the browser kernel (esbuild's `inject`).
export { Buffer } from "buffer";

/** The lesson's working directory is the site's root. */
export const process = { cwd: (): string => "/", env: {} as Record<string, string>, platform: "browser" };
