// The files a cell can read in the browser kernel, as Node's `fs` would give them in the tslab
// edition: the student's copies of exercises/ (sent by the page before a cell that needs them, from
// the browser's storage) first, then the site's own copy of the course (read with a synchronous
// request, which a worker may make). Paths are resolved from the lesson's folder, the site's root.
import { Buffer } from "buffer";

/** Files sent by the page: path from the site's root ("exercises/a01-step-decay/exercise.ts") → text. */
export const sentFiles = new Map<string, string>();

let filesUrl = "/files/";

/** Sets where the site serves its files (".../files/"). */
export function setFilesUrl(url: string): void {
  filesUrl = url.endsWith("/") ? url : `${url}/`;
}

/** `path` relative to the site's root, with "." and ".." resolved ("../data/x" from the root is "data/x"). */
export function sitePath(path: string): string {
  const parts: string[] = [];
  for (const part of String(path).split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** The bytes of a file, or undefined when there is none. */
export function readBytes(path: string): Buffer | undefined {
  const key = sitePath(path);
  const sent = sentFiles.get(key);
  if (sent !== undefined) return Buffer.from(sent, "utf8");
  const request = new XMLHttpRequest();
  request.open("GET", filesUrl + key.split("/").map(encodeURIComponent).join("/"), false);
  request.responseType = "arraybuffer";
  try {
    request.send();
  } catch {
    return undefined;
  }
  return request.status === 200 ? Buffer.from(request.response as ArrayBuffer) : undefined;
}
