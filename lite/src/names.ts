// The top-level names of the browser kernel's cells that live on the worker's global object
// (lite/src/cell.ts's CellOptions), and a way to run a function with them out of sight.

/** Names cells declared that are properties of the worker's global object. */
export const cellGlobals = new Set<string>();

/**
 * `fn` run with the cells' names taken off the global object, then put back: a function made from
 * source text (`new Function`) then sees no notebook variable, as in tslab, where cells' names are
 * not globals. The live figures' check relies on it (notebooks/lib/live.ts).
 */
export function hidingCellNames<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    const global = globalThis as unknown as Record<string, unknown>;
    const saved = new Map<string, unknown>();
    for (const name of cellGlobals) {
      if (!Object.prototype.hasOwnProperty.call(global, name)) continue;
      saved.set(name, global[name]);
      delete global[name];
    }
    try {
      return fn(...args);
    } finally {
      for (const [name, value] of saved) global[name] = value;
    }
  };
}
