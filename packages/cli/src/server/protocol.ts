/**
 * The wire protocol between the `tunelab` client (`bin/tunelab`, a bash script) and a
 * `tunelab server`, on a TCP connection to 127.0.0.1. Chosen so that bash can speak it with
 * its builtins alone (`/dev/tcp`, `printf`, `read`): the client starts no other process.
 *
 * Request, fields each ended by a NUL byte (which no argument, path or environment value can
 * hold): the token (from the server's state file, readable by its owner only), the client's
 * working directory, the number of arguments, the arguments, the number of environment
 * entries, and each entry as `NAME=value` (the client sends the `TUNELAB_*` variables it has).
 *
 * Response, lines: `o TEXT` a line of standard output, `e TEXT` a line of standard error,
 * `O TEXT` / `E TEXT` their last piece without a newline, then `x CODE`, the exit code, and
 * the server closes the connection. Or, before anything else, `f REASON`: the server declines
 * the command (a command it does not serve, code that changed since it started, a wrong
 * token) and has run nothing; the client then runs it in a process of its own.
 */

/** The first field of every request is checked against this many bytes at most. */
export const MAX_REQUEST_BYTES: number = 1 << 20;

/** A parsed request. */
export interface ServerRequest {
  readonly token: string;
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Parses a request from the bytes received so far.
 * @returns the request, or null while it is incomplete.
 * @throws Error for bytes that are not a request (a count that is not a number, too large).
 */
export function parseRequest(data: Buffer): ServerRequest | null {
  const fields: string[] = [];
  let start = 0;
  const next = (): string | null => {
    const end = data.indexOf(0, start);
    if (end < 0) return null;
    const text = data.toString("utf8", start, end);
    start = end + 1;
    fields.push(text);
    return text;
  };
  const count = (what: string): number | null => {
    const text = next();
    if (text === null) return null;
    if (!/^\d{1,6}$/.test(text)) throw new Error(`bad ${what} count ${JSON.stringify(text.slice(0, 20))}`);
    return Number(text);
  };
  const token = next();
  const cwd = token === null ? null : next();
  if (token === null || cwd === null) return null;
  const argc = count("argument");
  if (argc === null) return null;
  const argv: string[] = [];
  for (let i = 0; i < argc; i++) {
    const a = next();
    if (a === null) return null;
    argv.push(a);
  }
  const envc = count("environment");
  if (envc === null) return null;
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < envc; i++) {
    const entry = next();
    if (entry === null) return null;
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new Error(`bad environment entry ${JSON.stringify(entry.slice(0, 40))}`);
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { token, cwd, argv, env };
}

/** Encodes a request as the client does (for tests and for clients written in other languages). */
export function encodeRequest(request: ServerRequest): Buffer {
  const fields = [
    request.token,
    request.cwd,
    String(request.argv.length),
    ...request.argv,
    String(Object.keys(request.env).length),
    ...Object.entries(request.env).map(([k, v]) => `${k}=${v}`),
  ];
  return Buffer.from(fields.map((f) => `${f}\0`).join(""), "utf8");
}

/**
 * Frames what a command writes to one of its streams as protocol lines (`o`/`O` for standard
 * output, `e`/`E` for standard error), a line at a time; `end()` sends the unfinished last
 * piece.
 */
export class LineFramer {
  private partial = "";

  constructor(
    private readonly tag: "o" | "e",
    private readonly send: (line: string) => void,
  ) {}

  write(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) break;
      this.send(`${this.tag} ${this.partial}${text.slice(start, nl)}\n`);
      this.partial = "";
      start = nl + 1;
    }
    this.partial += text.slice(start);
  }

  end(): void {
    if (this.partial !== "") this.send(`${this.tag.toUpperCase()} ${this.partial}\n`);
    this.partial = "";
  }
}

/**
 * Reads a response (for tests and other clients): the standard output, standard error and
 * exit code, or the reason the server declined.
 */
export function parseResponse(
  text: string,
):
  | { kind: "ran"; stdout: string; stderr: string; code: number }
  | { kind: "declined"; reason: string }
  | { kind: "cut" } {
  let stdout = "";
  let stderr = "";
  for (const line of text.split("\n")) {
    const tag = line.slice(0, 2);
    const body = line.slice(2);
    if (tag === "f ") return { kind: "declined", reason: body };
    if (tag === "o ") stdout += `${body}\n`;
    else if (tag === "O ") stdout += body;
    else if (tag === "e ") stderr += `${body}\n`;
    else if (tag === "E ") stderr += body;
    else if (tag === "x ") return { kind: "ran", stdout, stderr, code: Number(body) };
  }
  return { kind: "cut" };
}
