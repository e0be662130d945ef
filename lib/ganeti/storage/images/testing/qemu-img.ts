// Test support for disk images: real qemu-img when Debian's qemu-utils is installed, a skip that says so otherwise;
// a storage root in a fresh temporary directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";
import { hasQemuImg, QEMU_IMG } from "../qemu-img";

/** describe() when qemu-img is installed; otherwise a skipped suite whose name says what to install. */
export function describeWithQemuImg(name: string, body: () => void): void {
  if (hasQemuImg()) {
    describe(name, body);
    return;
  }
  console.warn(`${name}: skipped, ${QEMU_IMG} is missing (apt-get install qemu-utils)`);
  describe.skip(`${name} (skipped: ${QEMU_IMG} is missing; apt-get install qemu-utils)`, body);
}

/** A temporary directory holding a storage root `<base>/file-storage` (made) and room beside it. */
export function tempStorage(): { base: string; root: string; cleanup: () => void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "images-"));
  const root = path.join(base, "file-storage");
  fs.mkdirSync(root);
  return { base, root, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}
