// `tslab` for the browser kernel: its `display` API, sending Jupyter display_data to the page.
import { current, post } from "../channel";

const send = (mime: string, data: string): void => post({ type: "display", id: current, data: { [mime]: data } });
const base64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

/** What tslab's `display` offers: each shows one output of that type. */
export const display = {
  html: (s: string): void => send("text/html", s),
  markdown: (s: string): void => send("text/markdown", s),
  latex: (s: string): void => send("text/latex", s),
  svg: (s: string): void => send("image/svg+xml", s),
  text: (s: string): void => send("text/plain", s),
  javascript: (s: string): void => send("application/javascript", s),
  png: (b: Uint8Array): void => send("image/png", base64(b)),
  jpeg: (b: Uint8Array): void => send("image/jpeg", base64(b)),
  gif: (b: Uint8Array): void => send("image/gif", base64(b)),
  raw: (contentType: string, b: string | Uint8Array): void => send(contentType, typeof b === "string" ? b : base64(b)),
};
