// `vm` for the browser kernel: code runs in the worker's own global scope, as `runInThisContext` does.

/** Node's `runInThisContext`: evaluates `code` globally (a `filename` names it in stack traces). */
export function runInThisContext(code: string, options?: { filename?: string }): unknown {
  const name = options?.filename ? `\n//# sourceURL=${options.filename}` : "";
  return (0, eval)(code + name);
}
