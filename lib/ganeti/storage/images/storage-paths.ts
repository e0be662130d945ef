// Which paths a node may touch for file and sharedfile disks (Ganeti's file-storage-paths check): absolute, written
// without `.`/`..` segments, strictly below one of the allowed storage roots, never below a system directory, and —
// after symlinks are resolved — still below that root, so a link planted inside the storage cannot lead out of it.
import fs from "node:fs";
import path from "node:path";
import { FileStoragePathError } from "../../errors";

/** Ganeti's forbidden prefixes: file storage never lives in these, whatever the allowed list says. */
const FORBIDDEN_PREFIXES = [
  "/boot", "/dev", "/etc", "/home", "/proc", "/root", "/sys",
  ...["", "/usr", "/usr/local"].flatMap((prefix) => ["bin", "lib", "lib32", "lib64", "sbin"].map((dir) => `${prefix}/${dir}`)),
];

const isBelow = (root: string, target: string): boolean => target.startsWith(root.endsWith("/") ? root : `${root}/`);
const isAtOrBelow = (root: string, target: string): boolean => target === root || isBelow(root, target);

/** The path as written must already be absolute and normal: `..` or `.` segments are refused, not resolved. */
function checkWritten(target: string): void {
  if (!path.posix.isAbsolute(target)) throw new FileStoragePathError(`File storage path must be absolute, got '${target}'`);
  if (target.split("/").some((segment) => segment === ".." || segment === ".")) {
    throw new FileStoragePathError(`File storage path '${target}' contains '.' or '..': give the plain path below the storage directory`);
  }
  if (target.includes("\0")) throw new FileStoragePathError(`File storage path '${JSON.stringify(target)}' contains a NUL byte`);
}

/** A storage root as configured: absolute, normal, and not a system directory (checked once, when the roots are set). */
export function checkStorageRoot(root: string): string {
  checkWritten(root);
  const normal = path.posix.normalize(root).replace(/\/+$/, "") || "/";
  const forbidden = normal === "/" ? "/" : FORBIDDEN_PREFIXES.find((prefix) => isAtOrBelow(prefix, normal));
  if (forbidden !== undefined) {
    throw new FileStoragePathError(`Path '${root}' uses a forbidden prefix (${forbidden}): choose a directory such as /srv/ganeti/file-storage`);
  }
  return normal;
}

/**
 * The root a path lies strictly below, as written (no file system access). Throws FileStoragePathError naming the
 * allowed roots otherwise.
 */
export function rootOf(roots: readonly string[], target: string): string {
  checkWritten(target);
  const normal = path.posix.normalize(target);
  const root = roots.map(checkStorageRoot).find((r) => isBelow(r, normal));
  if (!root) {
    throw new FileStoragePathError(
      `Path '${target}' is not acceptable for file storage: it must be below ${roots.length ? roots.map((r) => `'${r}'`).join(" or ") : "an allowed storage directory (none is configured)"}`,
    );
  }
  return root;
}

/** The deepest part of `target` that exists, resolved through symlinks (the root itself at least must exist). */
async function resolveExisting(target: string): Promise<string> {
  let current = target;
  for (;;) {
    try {
      return await fs.promises.realpath(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      const parent = path.posix.dirname(current);
      if (parent === current) throw error;
      current = parent;
    }
  }
}

/**
 * Checks `target` as written and as it resolves on this node's file system right now: whatever of it exists must
 * resolve below the real path of its root. Returns the root. Call again after creating directories on the way.
 */
export async function checkStoragePath(roots: readonly string[], target: string): Promise<string> {
  const root = rootOf(roots, target);
  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(root);
  } catch {
    throw new FileStoragePathError(`Storage directory '${root}' does not exist on this node: create it (mkdir -p ${root})`);
  }
  const resolved = await resolveExisting(target);
  if (!isAtOrBelow(realRoot, resolved)) {
    throw new FileStoragePathError(`Path '${target}' leads out of the storage directory '${root}' through a symlink (it resolves to '${resolved}')`);
  }
  return root;
}
