// Write, fsync, rename, fsync the directory: after a crash the file is either the old one or the new one.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";

let counter = 0;
const tmpName = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);

export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const tmp = tmpName(file);
  const handle = await fsp.open(tmp, "w", mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsp.rename(tmp, file);
  await syncDirectory(path.dirname(file));
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
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private requested = false;

  constructor(private readonly write: () => Promise<void>) {}

  /** Resolves once a write that started after this call has reached the disk. */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.requested = true;
      if (!this.writing) this.writing = this.loop();
    });
  }

  private async loop(): Promise<void> {
    while (this.requested) {
      this.requested = false;
      const batch = this.waiters.splice(0);
      try {
        await this.write();
        batch.forEach((w) => w.resolve());
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
    this.writing = null;
  }
}
