// `fs` for the browser kernel: reading only (lite/src/files.ts says where files come from).
import { readBytes, sentFiles, sitePath } from "../files";

/** Node's `readFileSync`: a Buffer, or a string when an encoding is given; throws ENOENT like Node. */
export function readFileSync(path: string, options?: string | { encoding?: string }): unknown {
  const bytes = readBytes(path);
  if (!bytes) {
    const error = new Error(`ENOENT: no such file or directory, open '${path}'`) as Error & { code: string };
    error.code = "ENOENT";
    throw error;
  }
  const encoding = typeof options === "string" ? options : options?.encoding;
  return encoding ? bytes.toString(encoding as BufferEncoding) : bytes;
}

/** Node's `existsSync`. */
export function existsSync(path: string): boolean {
  return sentFiles.has(sitePath(path)) || readBytes(path) !== undefined;
}
