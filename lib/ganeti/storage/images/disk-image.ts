// A file or sharedfile disk on a real node: a raw (sparse) or qcow2 image below one of the node's storage roots.
// Create, grow, info and remove, each checking the path first (storage-paths.ts). A new image is made under a
// temporary name and linked into place, so a disk is either absent or complete and an existing one is never
// overwritten; growing never shrinks; removing what is already gone succeeds.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { BlockDeviceError } from "../../errors";
import { checkFormat, qemuImg, qemuImgInfo, type ImageFormat } from "./qemu-img";
import { checkStoragePath } from "./storage-paths";

export const MiB = 1024 * 1024;

export type DiskImageInfo = {
  path: string;
  format: ImageFormat;
  /** The size the guest sees, in bytes. */
  virtualSize: number;
  /** Bytes the image takes on the node's file system (sparse and qcow2 images take less). */
  actualSize: number;
};

function checkSize(what: string, sizeMiB: number): void {
  if (!Number.isInteger(sizeMiB) || sizeMiB <= 0) throw new BlockDeviceError(`${what}: size must be a whole number of MiB above 0, got ${sizeMiB}`);
}

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** The image's own entry (not what a symlink points to) must be a regular file. */
async function existingFile(file: string): Promise<fs.Stats> {
  try {
    const stat = await fs.promises.lstat(file);
    if (!stat.isFile()) throw new BlockDeviceError(`${file} is not a regular file: a disk image must be one`);
    return stat;
  } catch (error) {
    if (errorCode(error) === "ENOENT") throw new BlockDeviceError(`Disk image ${file} not found on this node`);
    throw error;
  }
}

/** A temporary name beside the final one (same directory, so the link into place stays on one file system). */
export const tempNameFor = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.tmp-${crypto.randomBytes(6).toString("hex")}`);

/** Links a finished temporary file to its final name, refusing to replace anything there; the temporary goes. */
export async function linkIntoPlace(temp: string, file: string): Promise<void> {
  try {
    await fs.promises.link(temp, file);
  } catch (error) {
    if (errorCode(error) === "EEXIST") throw new BlockDeviceError(`Disk image ${file} already exists: remove it first or choose another disk`);
    throw new BlockDeviceError(`Cannot put disk image ${file} in place: ${(error as Error).message}`);
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

export async function createImage(roots: readonly string[], file: string, sizeMiB: number, format: ImageFormat): Promise<DiskImageInfo> {
  checkFormat(format);
  checkSize(`Disk image ${file}`, sizeMiB);
  await checkStoragePath(roots, file);
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o750 });
  // Again now that the directories exist: one of them may have been a symlink planted meanwhile.
  await checkStoragePath(roots, file);
  if (fs.existsSync(file)) throw new BlockDeviceError(`Disk image ${file} already exists: remove it first or choose another disk`);
  const temp = tempNameFor(file);
  try {
    if (format === "raw") {
      const handle = await fs.promises.open(temp, "wx", 0o600);
      try {
        await handle.truncate(sizeMiB * MiB);
      } finally {
        await handle.close();
      }
    } else {
      await qemuImg(["create", "-q", "-f", "qcow2", temp, `${sizeMiB}M`]);
      await fs.promises.chmod(temp, 0o600);
    }
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await linkIntoPlace(temp, file);
  return imageInfo(roots, file, format);
}

export async function imageInfo(roots: readonly string[], file: string, format: ImageFormat): Promise<DiskImageInfo> {
  checkFormat(format);
  await checkStoragePath(roots, file);
  await existingFile(file);
  const info = await qemuImgInfo(file, format);
  return { path: file, format, virtualSize: info["virtual-size"], actualSize: info["actual-size"] };
}

/** Grows the image to `sizeMiB` (the disk's new total size). The same size is a no-op; a smaller one is refused. */
export async function growImage(roots: readonly string[], file: string, format: ImageFormat, sizeMiB: number): Promise<DiskImageInfo> {
  checkSize(`Growing ${file}`, sizeMiB);
  const before = await imageInfo(roots, file, format);
  const target = sizeMiB * MiB;
  if (target < before.virtualSize) {
    throw new BlockDeviceError(
      `Cannot shrink disk image ${file} from ${before.virtualSize / MiB} MiB to ${sizeMiB} MiB: disks only grow (give a size of at least ${Math.ceil(before.virtualSize / MiB)} MiB)`,
    );
  }
  if (target === before.virtualSize) return before;
  if (format === "raw") await fs.promises.truncate(file, target);
  else await qemuImg(["resize", "-q", "-f", "qcow2", file, `${sizeMiB}M`]);
  return imageInfo(roots, file, format);
}

/** Removes the image; true when there was one. An image already gone is not an error (a retried removal). */
export async function removeImage(roots: readonly string[], file: string): Promise<boolean> {
  await checkStoragePath(roots, file);
  try {
    await fs.promises.unlink(file);
    return true;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw new BlockDeviceError(`Cannot remove disk image ${file}: ${(error as Error).message}`);
  }
}

/** Removes an instance's (empty) storage directory once its disks are gone; a storage root itself is never removed. */
export async function removeInstanceDir(roots: readonly string[], dir: string): Promise<void> {
  await checkStoragePath(roots, dir);
  try {
    await fs.promises.rmdir(dir);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    if (errorCode(error) === "ENOTEMPTY") {
      const left = await fs.promises.readdir(dir);
      throw new BlockDeviceError(`Cannot remove ${dir}: it still holds ${left.join(", ")} (remove the instance's disks first)`);
    }
    throw new BlockDeviceError(`Cannot remove ${dir}: ${(error as Error).message}`);
  }
}
