/**
 * Text streams cut into lines, and the tail of a stream kept for an error message.
 */

/**
 * Cuts chunks of text into lines (without `\n` or `\r\n`). A line longer than `maxLine`
 * characters is handed on in pieces of that size, so a command printing without newlines
 * cannot grow the buffer without bound.
 */
export class LineSplitter {
  private rest = "";
  private readonly onLine: (line: string) => void;
  private readonly maxLine: number;

  /**
   * @param onLine - called with each complete line, in order.
   * @param maxLine - longest line kept whole. @defaultValue 1 MiB of characters
   */
  constructor(onLine: (line: string) => void, maxLine: number = 1 << 20) {
    this.onLine = onLine;
    this.maxLine = maxLine;
  }

  /** Adds a chunk; calls `onLine` for each line it completes. */
  push(chunk: string): void {
    let text = this.rest + chunk;
    let nl = text.indexOf("\n");
    while (nl >= 0) {
      const line = text.slice(0, nl);
      this.onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
      text = text.slice(nl + 1);
      nl = text.indexOf("\n");
    }
    while (text.length > this.maxLine) {
      this.onLine(text.slice(0, this.maxLine));
      text = text.slice(this.maxLine);
    }
    this.rest = text;
  }

  /** Hands on the last line when the stream ended without a newline. */
  end(): void {
    if (this.rest !== "") {
      const line = this.rest;
      this.rest = "";
      this.onLine(line);
    }
  }
}

/** The last lines of a stream (at most `maxLines` lines and `maxChars` characters). */
export class TailBuffer {
  private lines: string[] = [];
  private readonly maxLines: number;
  private readonly maxChars: number;

  /**
   * @param maxLines - lines kept. @defaultValue 20
   * @param maxChars - characters kept in all (the oldest are cut). @defaultValue 2000
   */
  constructor(maxLines: number = 20, maxChars: number = 2000) {
    this.maxLines = maxLines;
    this.maxChars = maxChars;
  }

  /** Adds a line. */
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }

  /** Forgets every line (a persistent command's next trial). */
  clear(): void {
    this.lines = [];
  }

  /** The kept lines joined by `\n`, cut to the last `maxChars` characters ("" when empty). */
  text(): string {
    const all = this.lines.join("\n").trimEnd();
    return all.length <= this.maxChars ? all : `...${all.slice(all.length - this.maxChars)}`;
  }
}
