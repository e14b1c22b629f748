// `crypto` for the browser kernel: random bytes from the Web Crypto API.
import { Buffer } from "buffer";

/** Node's `randomBytes`. */
export function randomBytes(n: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(n)));
}
