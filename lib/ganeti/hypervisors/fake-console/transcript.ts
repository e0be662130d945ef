// The record of a simulated console: each line it showed and each line typed into it, with the time, appended to
// $GANTRY_STATE_DIR/console/<instance>.log, so operators and tests can check what a user typed. The file is bounded:
// past the limit it becomes <instance>.log.1 (replacing an older one) and a new file starts.
import fs from "node:fs";
import path from "node:path";

export type TranscriptKind = "screen" | "typed" | "event";

export const DEFAULT_TRANSCRIPT_BYTES = 256 * 1024;

export function transcriptFile(stateDir: string, instance: string): string {
  return path.join(stateDir, "console", `${instance.replace(/[^\w.-]/g, "_")}.log`);
}

export class ConsoleTranscript {
  private size: number | null = null;

  constructor(
    readonly file: string,
    private readonly maxBytes = DEFAULT_TRANSCRIPT_BYTES,
  ) {}

  /** Appends one line; a console keeps working when its record cannot be written. */
  record(kind: TranscriptKind, text: string): void {
    const line = `${new Date().toISOString()} ${kind}: ${text.replace(/[\r\n]/g, " ")}\n`;
    try {
      if (this.size === null) this.size = this.currentSize();
      if (this.size > 0 && this.size + Buffer.byteLength(line) > this.maxBytes) {
        fs.renameSync(this.file, `${this.file}.1`);
        this.size = 0;
      }
      // Written at once (a few bytes per Enter): a reader polling the file sees every line as soon as it happened.
      fs.appendFileSync(this.file, line, { mode: 0o600 });
      this.size += Buffer.byteLength(line);
    } catch {
      this.size = null;
    }
  }

  private currentSize(): number {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    try {
      return fs.statSync(this.file).size;
    } catch {
      return 0;
    }
  }
}
