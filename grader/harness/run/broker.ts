/**
 * The channel between the hidden suites (in vitest workers) and the student processes (owned by
 * the grading process): a Unix socket in a private directory, JSON lines both ways. The server
 * knows each submission being graded by its key; the client is what `s.call`/`s.value` use.
 * Both ends are trusted code; student data crosses it only as encoded wire values.
 */
import * as net from "node:net";
import type { CallResult } from "../sandbox/sandbox";

/** A request from a hidden suite: calls of one export (one argument list each), or its value (`[[]]`). */
export interface BrokerRequest {
  rid: number;
  sub: string;
  exercise: string;
  kind: "call" | "value";
  export: string;
  items: unknown[][];
}

/** What the server needs from a submission: its per-exercise answerer (one result per item). */
export type Answerer = (req: BrokerRequest) => Promise<CallResult[]>;

/** An answer on the wire: one result per item. */
interface BrokerResponse {
  rid: number;
  results: CallResult[];
}

/**
 * Writes a line to a socket, coalesced with the other lines written to it in the same turn of the
 * event loop: one write (and one wake-up of the reader) for the answers or requests of many
 * submissions.
 */
function send(conn: net.Socket, line: string): void {
  if (conn.writableCorked === 0) {
    conn.cork();
    setImmediate(() => conn.uncork());
  }
  conn.write(line);
}

/** Serves suite requests for the submissions registered with `register`. */
export class BrokerServer {
  private readonly subs = new Map<string, Answerer>();
  private server: net.Server | null = null;

  constructor(readonly socketPath: string) {}

  async listen(): Promise<void> {
    this.server = net.createServer((conn) => {
      conn.setEncoding("utf8");
      let buf = "";
      conn.on("error", () => undefined);
      conn.on("data", (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          this.serve(conn, line);
        }
      });
    });
    await new Promise<void>((res, rej) => {
      this.server!.once("error", rej);
      this.server!.listen(this.socketPath, () => res());
    });
  }

  /**
   * Answers one request line. Nothing a submission sends back can make this throw or reject: a
   * failure of its answerer, or an answer that cannot be written, becomes that request's failure.
   */
  private serve(conn: net.Socket, line: string): void {
    let req: BrokerRequest;
    try {
      req = JSON.parse(line) as BrokerRequest;
    } catch {
      return; // only the suites' own client writes here
    }
    const fail = (error: string): CallResult[] => req.items.map(() => ({ ok: false, error }));
    const reply = (results: CallResult[]): void => {
      let text: string;
      try {
        text = JSON.stringify({ rid: req.rid, results } satisfies BrokerResponse);
      } catch (e) {
        text = JSON.stringify({ rid: req.rid, results: fail(`grader error: the answer could not be sent (${(e as Error).message})`) } satisfies BrokerResponse);
      }
      if (conn.writable) send(conn, text + "\n");
    };
    const answer = this.subs.get(req.sub);
    const p = answer ? Promise.resolve().then(() => answer(req)) : Promise.resolve(fail("submission is not being graded"));
    p.then(reply, (e: Error) => reply(fail(`grader error: ${e?.message}`))).catch(() => undefined);
  }

  register(key: string, answer: Answerer): void {
    this.subs.set(key, answer);
  }

  unregister(key: string): void {
    this.subs.delete(key);
  }

  async close(): Promise<void> {
    if (this.server) await new Promise<void>((res) => this.server!.close(() => res()));
    this.server = null;
  }
}

/** The worker-side end: one connection per worker, requests multiplexed by id. */
export class BrokerClient {
  private conn: net.Socket | null = null;
  private rid = 1;
  private readonly pending = new Map<number, (r: CallResult[]) => void>();

  constructor(private readonly socketPath: string) {}

  private connect(): net.Socket {
    if (this.conn && !this.conn.destroyed) return this.conn;
    const conn = net.connect(this.socketPath);
    conn.setEncoding("utf8");
    conn.unref();
    let buf = "";
    conn.on("data", (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl)) as BrokerResponse;
        buf = buf.slice(nl + 1);
        const done = this.pending.get(msg.rid);
        this.pending.delete(msg.rid);
        done?.(msg.results);
      }
    });
    const fail = () => {
      for (const [, done] of this.pending) done([]);
      this.pending.clear();
      if (this.conn === conn) this.conn = null;
    };
    conn.on("error", fail);
    conn.on("close", fail);
    this.conn = conn;
    return conn;
  }

  /** Sends a request; resolves to one result per item (fewer only if the channel closed). */
  request(req: Omit<BrokerRequest, "rid">): Promise<CallResult[]> {
    const rid = this.rid++;
    const conn = this.connect();
    return new Promise<CallResult[]>((resolve) => {
      this.pending.set(rid, resolve);
      conn.ref();
      send(conn, JSON.stringify({ rid, ...req }) + "\n");
    }).finally(() => {
      if (this.pending.size === 0) this.conn?.unref();
    });
  }
}
