// `zlib` for the browser kernel: the gunzip the real-data lessons use, with fflate.
import { Buffer } from "buffer";
import { gunzipSync as gunzip } from "fflate";

/** Node's `gunzipSync`: the decompressed bytes as a Buffer. */
export function gunzipSync(data: Uint8Array): Buffer {
  return Buffer.from(gunzip(data));
}
