// Write, fsync, rename, fsync the directory: after a crash the file is either the old one or the new one.
// `durable: false` skips the fsyncs: the rename still makes the switch atomic for readers and survives the process
// dying (kill -9), just not a power loss. For state that is re-derivable or simulated (intermediate job states,
// virtual machines' files), that is the right trade: fsync is what limits job throughput.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";

let counter = 0;
const tmpName = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);

/** At most this many buffers per writev call (the kernel's IOV_MAX is 1024). */
const WRITEV_CHUNK = 512;

/**
 * Atomic writes in flight at once in this process: each holds a file (and for durable ones its directory) open, and a
 * burst — 40,000 jobs submitted in one SubmitManyJobs — must queue for descriptors rather than fail with EMFILE.
 */
export const MAX_WRITES_IN_FLIGHT = 256;
let inFlight = 0;
let peakInFlight = 0;
const waiting: Array<() => void> = [];

/** The most writes that were in flight at once (for tests). */
export const writesInFlightPeak = () => peakInFlight;

export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | Uint8Array[],
  options: { mode?: number; durable?: boolean } = {},
): Promise<void> {
  // A finished write hands its slot to the first waiter, so a newcomer can never slip in between.
  if (inFlight < MAX_WRITES_IN_FLIGHT) inFlight++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  peakInFlight = Math.max(peakInFlight, inFlight);
  try {
    await writeNow(file, data, options);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }
}

async function writeNow(file: string, data: string | Uint8Array | Uint8Array[], options: { mode?: number; durable?: boolean }): Promise<void> {
  const { mode = 0o600, durable = true } = options;
  const tmp = tmpName(file);
  const handle = await fsp.open(tmp, "w", mode);
  try {
    if (Array.isArray(data)) {
      for (let i = 0; i < data.length; i += WRITEV_CHUNK) await writeAll(handle, data.slice(i, i + WRITEV_CHUNK));
    } else await handle.writeFile(data);
    if (durable) await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, file);
  if (durable) await syncDirectory(path.dirname(file));
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array, mode = 0o600): void {
  const tmp = tmpName(file);
  const fd = fs.openSync(tmp, "w", mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const dirFd = fs.openSync(path.dirname(file), "r");
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

/** writev may write less than asked; carry on from where it stopped. */
async function writeAll(handle: fsp.FileHandle, buffers: Uint8Array[]): Promise<void> {
  let pending = buffers;
  while (pending.length) {
    const { bytesWritten } = await handle.writev(pending);
    let skip = bytesWritten;
    const rest: Uint8Array[] = [];
    for (const buffer of pending) {
      if (skip >= buffer.byteLength) skip -= buffer.byteLength;
      else {
        rest.push(skip ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
    }
    pending = rest;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Coalesces concurrent requests to persist one piece of state into as few writes as possible (group commit). */
export class GroupCommitter {
  private writing: Promise<void> | null = null;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void; durable: boolean }> = [];
  private requested = false;

  constructor(private readonly write: (durable: boolean) => Promise<void>) {}

  /** Resolves once a write that started after this call has completed (and reached the disk, if durable). */
  flush(durable = true): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject, durable });
      this.requested = true;
      if (!this.writing) this.writing = this.loop();
    });
  }

  private async loop(): Promise<void> {
    while (this.requested) {
      this.requested = false;
      const batch = this.waiters.splice(0);
      try {
        await this.write(batch.some((w) => w.durable));
        batch.forEach((w) => w.resolve());
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
    this.writing = null;
  }
}
