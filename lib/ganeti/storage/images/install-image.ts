// Writes a provided raw or qcow2 image into a disk that exists already (the `image` OS on a real node): qemu-img
// converts it to the disk's format under a temporary name beside the disk, the copy is grown to the disk's size, and
// only then replaces the empty disk. A failure leaves the disk as it was.
import fs from "node:fs";
import { BlockDeviceError } from "../../errors";
import { growImage, imageInfo, MiB, tempNameFor, type DiskImageInfo } from "./disk-image";
import { checkFormat, qemuImg, qemuImgInfo, type ImageFormat } from "./qemu-img";

export type ImageInstallRequest = {
  /** The image to write: any readable file on the node (an OS parameter chosen by an admin). */
  source: string;
  /** The instance's disk, already created at its full size. */
  disk: { path: string; format: ImageFormat; iv_name: string };
};

/** The source's format, probed (it is not ours) but only trusted when it is raw or qcow2 with no backing file. */
async function checkSource(source: string): Promise<{ format: ImageFormat; virtualSize: number }> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(source);
  } catch {
    throw new BlockDeviceError(`Image ${source} cannot be read on this node: copy it there or fix the OS parameter image`);
  }
  if (!stat.isFile()) throw new BlockDeviceError(`Image ${source} is not a regular file`);
  const info = await qemuImgInfo(source);
  if (info.format !== "raw" && info.format !== "qcow2") {
    throw new BlockDeviceError(`Image ${source} is in ${info.format} format: convert it to raw or qcow2 (qemu-img convert -O qcow2 …)`);
  }
  if (info["backing-filename"]) {
    throw new BlockDeviceError(`Image ${source} has a backing file (${info["backing-filename"]}): flatten it first (qemu-img convert -O qcow2 ${source} NEW)`);
  }
  return { format: info.format, virtualSize: info["virtual-size"] };
}

/** Installs the image; returns the lines for the job log. */
export async function installImage(roots: readonly string[], request: ImageInstallRequest): Promise<string[]> {
  const { source, disk } = request;
  checkFormat(disk.format);
  const started = Date.now();
  const image = await checkSource(source);
  const target: DiskImageInfo = await imageInfo(roots, disk.path, disk.format);
  const sizeMiB = target.virtualSize / MiB;
  if (image.virtualSize > target.virtualSize) {
    throw new BlockDeviceError(
      `Image ${source} (${(image.virtualSize / MiB).toFixed(1)} MiB) does not fit ${disk.iv_name} (${sizeMiB} MiB): grow the disk or use a smaller image`,
    );
  }
  const log = [`image: writing ${source} (${image.format}, ${(image.virtualSize / MiB).toFixed(1)} MiB) to ${disk.iv_name} (${disk.format}, ${sizeMiB} MiB)`];
  const temp = tempNameFor(disk.path);
  try {
    await qemuImg(["convert", "-q", "-f", image.format, "-O", disk.format, source, temp]);
    log.push(`image: converted in ${Date.now() - started} ms`);
    await growImage(roots, temp, disk.format, Math.ceil(sizeMiB));
    await fs.promises.chmod(temp, 0o600);
    // Same directory, so the replacement is one atomic rename.
    await fs.promises.rename(temp, disk.path);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  log.push(`image: ${disk.iv_name} holds the image and keeps its ${sizeMiB} MiB (${Date.now() - started} ms in all)`);
  return log;
}
