/**
 * The worker's progress line: one line at the bottom of a terminal, redrawn in place, that the
 * command's own output scrolls above. On a stream that is not a terminal (a SLURM log file, a
 * pipe) nothing is drawn, and output passes through untouched.
 */

/** A stream as the CLI sees it (`CliIo.stderr`). */
type Stream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

/** Erases the current terminal line and returns to its start. */
const CLEAR = "\r\x1b[2K";

/** The progress line, and the output written around it. */
export class StatusLine {
  private readonly stream: Stream;
  private readonly enabled: boolean;
  private text = "";
  private shown = false;

  /**
   * @param stream - where the line is drawn (stderr).
   * @param enabled - draw it at all. @defaultValue true when `stream` is a terminal
   */
  constructor(stream: Stream, enabled: boolean = stream.isTTY === true) {
    this.stream = stream;
    this.enabled = enabled;
  }

  /** True when the line is drawn. */
  get active(): boolean {
    return this.enabled;
  }

  /** Replaces the line's text and redraws it. */
  set(text: string): void {
    if (!this.enabled) return;
    const width = this.stream.columns ?? 0;
    this.text = width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
    this.stream.write(`${CLEAR}${this.text}`);
    this.shown = true;
  }

  /** Writes `text` (whole lines) to `target` above the line, then redraws it. */
  print(target: NodeJS.WritableStream, text: string): void {
    if (!this.shown) {
      target.write(text);
      return;
    }
    this.stream.write(CLEAR);
    target.write(text);
    this.stream.write(this.text);
  }

  /** Removes the line for good (before the final message). */
  clear(): void {
    if (this.shown) this.stream.write(CLEAR);
    this.shown = false;
  }
}
