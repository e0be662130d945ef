// Runs Debian's qemu-img (package qemu-utils) and reads its JSON answers. Its own error text is kept in the
// message: it says what went wrong with the image far better than an exit code.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { BlockDeviceError } from "../../errors";

export const QEMU_IMG = "/usr/bin/qemu-img";
export const hasQemuImg = (): boolean => fs.existsSync(QEMU_IMG);

export type ImageFormat = "raw" | "qcow2";
export const IMAGE_FORMATS: readonly ImageFormat[] = ["raw", "qcow2"];

export function checkFormat(format: string): ImageFormat {
  if (!IMAGE_FORMATS.includes(format as ImageFormat)) {
    throw new BlockDeviceError(`Disk image format '${format}' is not supported: use ${IMAGE_FORMATS.join(" or ")}`);
  }
  return format as ImageFormat;
}

export async function qemuImg(args: string[]): Promise<string> {
  if (!hasQemuImg()) throw new BlockDeviceError(`${QEMU_IMG} is missing on this node: install it (apt-get install qemu-utils)`);
  return new Promise((resolve, reject) => {
    execFile(QEMU_IMG, args, { maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new BlockDeviceError(`qemu-img ${args[0]} failed: ${(stderr || error.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/** What `qemu-img info --output=json` says of an image (bytes). */
export type QemuImgInfo = { format: string; "virtual-size": number; "actual-size": number; "backing-filename"?: string };

/** `format` given: read as that format (never probe a disk we made); omitted: qemu-img detects it. */
export async function qemuImgInfo(file: string, format?: ImageFormat): Promise<QemuImgInfo> {
  // --force-share: the image may be open in a running QEMU, which holds a write lock on it.
  const args = ["info", "--output=json", "--force-share", ...(format ? ["-f", format] : []), file];
  return JSON.parse(await qemuImg(args)) as QemuImgInfo;
}
