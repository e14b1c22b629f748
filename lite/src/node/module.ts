// `module` for the browser kernel: what lessons' helpers use to load a student's file as CommonJS.
import { requireModule } from "../modules";

/** Node's `wrap`: CommonJS module code as a function expression. */
export function wrap(code: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${code}\n})`;
}

/** Node's `createRequire`: here every file gets the kernel's module table. */
export function createRequire(_file: string): (spec: string) => unknown {
  return requireModule;
}
