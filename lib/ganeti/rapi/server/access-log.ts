// One line per RAPI request in $GANTRY_STATE_DIR/rapi/access.log (Ganeti keeps none): time, client address, user,
// method, path with its query, status, the job id when the request submitted one, and the time it took. Values a
// client chose (user name, path) are percent-escaped so that a line can never be forged or split.
import fs from "node:fs";

export type AccessRecord = {
  time: Date;
  address: string;
  /** The authenticated user; a failed login shows the name tried, marked "(failed)". */
  user: string | null;
  method: string;
  path: string;
  status: number;
  jobId: number | null;
  ms: number;
};

export function formatAccess(r: AccessRecord): string {
  return [
    r.time.toISOString(),
    `addr=${safe(r.address)}`,
    `user=${r.user === null ? "-" : safe(r.user)}`,
    `method=${safe(r.method)}`,
    `path=${safe(r.path)}`,
    `status=${r.status}`,
    `job=${r.jobId ?? "-"}`,
    `ms=${r.ms}`,
  ].join(" ");
}

/** Printable ASCII except "%" stays; anything else becomes %XX per UTF-8 byte. */
const safe = (value: string) =>
  value.slice(0, 2048).replace(/[^\x21-\x24\x26-\x7e]/g, (c) => [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""));

export type AccessSink = { write(record: AccessRecord): void; close(): Promise<void> };

export class AccessLogFile implements AccessSink {
  private readonly stream: fs.WriteStream;

  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { flags: "a", mode: 0o600 });
    this.stream.on("error", (error) => console.error(`rapi: cannot write ${file}: ${error.message}`));
  }

  write(record: AccessRecord): void {
    this.stream.write(formatAccess(record) + "\n");
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
