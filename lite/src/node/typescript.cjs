// `typescript` for the browser kernel: the compiler that typescript.js (loaded by the worker's first
// line, before this bundle runs) put on the worker's global scope.
module.exports = globalThis.ts;
