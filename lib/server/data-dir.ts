// GANTRY_DATA_DIR holds all local state (database, secrets, cluster state). Checked before anything is written.
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";

/** Creates the directory when missing and proves it is writable; otherwise says what to fix. */
export function ensureWritableDir(dir: string, variable = "GANTRY_DATA_DIR"): void {
  try {
    makeDirectories(dir);
  } catch (error) {
    throw new AppError("config_invalid", `${variable} ${dir} cannot be created (${reason(error)}); ` +
      `point ${variable} at a directory this user can write.`, { cause: error });
  }
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, "ok");
    fs.rmSync(probe);
  } catch (error) {
    throw new AppError("config_invalid", `${variable} ${dir} is not writable (${reason(error)}); ` +
      `fix its permissions or point ${variable} at a writable directory.`, { cause: error });
  }
}

// Level by level rather than mkdirSync({ recursive: true }), which reports ENOENT for a read-only file system and
// so would tell the operator the wrong thing.
function makeDirectories(dir: string): void {
  if (fs.existsSync(dir)) return;
  makeDirectories(path.dirname(dir));
  fs.mkdirSync(dir, { mode: 0o700 });
}

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);
