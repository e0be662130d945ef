// File and sharedfile disk images with the real qemu-img on real files: what a node does for create, grow, info,
// remove and the image OS, and what it refuses.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createImage, growImage, imageInfo, MiB, removeImage, removeInstanceDir } from "./disk-image";
import { diskImagePath } from "./image-layout";
import { installOsOnHost } from "../../os/host-os-install";
import { describeWithQemuImg, tempStorage } from "./testing/qemu-img";

const storage = tempStorage();
const roots = [storage.root];
const dirs = { file_storage_dir: storage.root, shared_file_storage_dir: "" };
let disks = 0;
const newDiskPath = (instance = "vm1.example.com") =>
  diskImagePath(dirs, { template: "file", uuid: `disk-${++disks}`, index: 0 }, instance);

/** 1 MiB whose bytes say where they are, so a shifted or partial copy shows. */
function pattern(): Buffer {
  const data = Buffer.alloc(MiB);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 8) * 7 + 13) & 0xff;
  data.write("GANTRY-IMAGE-TEST", 0, "latin1");
  return data;
}

/** The disk's first `length` bytes as the guest sees them (qcow2 read through qemu-img). */
function guestBytes(file: string, format: "raw" | "qcow2", length: number): Buffer {
  if (format === "raw") {
    const fd = fs.openSync(file, "r");
    try {
      const out = Buffer.alloc(length);
      fs.readSync(fd, out, 0, length, 0);
      return out;
    } finally {
      fs.closeSync(fd);
    }
  }
  const flat = path.join(storage.base, `flat-${path.basename(file)}.raw`);
  execFileSync("qemu-img", ["convert", "-f", "qcow2", "-O", "raw", file, flat]);
  try {
    return guestBytes(flat, "raw", length);
  } finally {
    fs.rmSync(flat);
  }
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`disk images: ${label} in ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

afterAll(() => storage.cleanup());

describeWithQemuImg("disk images with the real qemu-img", () => {
  for (const format of ["raw", "qcow2"] as const) {
    it(`creates a ${format} image of exactly its size, grows it, refuses to shrink it and removes it`, async () => {
      const file = newDiskPath();
      const created = await timed(`create ${format} 1024 MiB`, () => createImage(roots, file, 1024, format));
      expect(created).toMatchObject({ path: file, format, virtualSize: 1024 * MiB });
      // Sparse raw and fresh qcow2 take almost nothing on the node's file system.
      expect(created.actualSize).toBeLessThan(1 * MiB);
      expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      await expect(createImage(roots, file, 10, format)).rejects.toThrow(`Disk image ${file} already exists: remove it first or choose another disk`);
      expect((await imageInfo(roots, file, format)).virtualSize).toBe(1024 * MiB);

      const grown = await timed(`grow ${format} to 2048 MiB`, () => growImage(roots, file, format, 2048));
      expect(grown.virtualSize).toBe(2048 * MiB);
      if (format === "raw") expect(fs.statSync(file).size).toBe(2048 * MiB);
      await expect(growImage(roots, file, format, 2048)).resolves.toMatchObject({ virtualSize: 2048 * MiB });
      await expect(growImage(roots, file, format, 1000)).rejects.toThrow(
        `Cannot shrink disk image ${file} from 2048 MiB to 1000 MiB: disks only grow (give a size of at least 2048 MiB)`,
      );
      expect((await imageInfo(roots, file, format)).virtualSize).toBe(2048 * MiB);

      expect(await removeImage(roots, file)).toBe(true);
      expect(await removeImage(roots, file)).toBe(false);
      await removeInstanceDir(roots, path.dirname(file));
      expect(fs.readdirSync(storage.root)).toEqual([]);
    });
  }

  it("refuses paths that leave the storage root, by .. or by a symlink, and touches nothing there", async () => {
    const outside = path.join(storage.base, "outside");
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(storage.root, "evil"));
    await expect(createImage(roots, path.join(storage.root, "evil", "d.file.disk0"), 8, "raw")).rejects.toThrow(/leads out of the storage directory/);
    await expect(createImage(roots, `${storage.root}/vm1/../../outside/d`, 8, "raw")).rejects.toThrow(/contains '\.' or '\.\.'/);
    await expect(createImage(roots, path.join(outside, "d"), 8, "raw")).rejects.toThrow(/is not acceptable for file storage/);
    fs.writeFileSync(path.join(outside, "victim"), "keep me");
    await expect(removeImage(roots, path.join(storage.root, "evil", "victim"))).rejects.toThrow(/leads out/);
    await expect(growImage(roots, path.join(storage.root, "evil", "victim"), "raw", 8)).rejects.toThrow(/leads out/);
    expect(fs.readdirSync(outside)).toEqual(["victim"]);
    expect(fs.readFileSync(path.join(outside, "victim"), "utf8")).toBe("keep me");
    fs.rmSync(path.join(storage.root, "evil"));
  });

  it("says what to fix for a bad size, format or a disk that is not there", async () => {
    const file = newDiskPath();
    await expect(createImage(roots, file, 0, "raw")).rejects.toThrow(/size must be a whole number of MiB above 0, got 0/);
    await expect(createImage(roots, file, 8, "vmdk" as "raw")).rejects.toThrow("Disk image format 'vmdk' is not supported: use raw or qcow2");
    await expect(growImage(roots, file, "raw", 16)).rejects.toThrow(`Disk image ${file} not found on this node`);
  });

  for (const [sourceFormat, diskFormat] of [["raw", "raw"], ["raw", "qcow2"], ["qcow2", "raw"]] as const) {
    it(`installs the image OS from a ${sourceFormat} image into a ${diskFormat} disk: the image at the start, the disk at its full size`, async () => {
      const rawSource = path.join(storage.base, `source-${disks}.raw`);
      fs.writeFileSync(rawSource, pattern());
      let source = rawSource;
      if (sourceFormat === "qcow2") {
        source = `${rawSource}.qcow2`;
        execFileSync("qemu-img", ["convert", "-f", "raw", "-O", "qcow2", rawSource, source]);
      }
      const file = newDiskPath("vm2.example.com");
      await createImage(roots, file, 64, diskFormat);

      const log = await timed(`install ${sourceFormat} 1 MiB image into ${diskFormat} 64 MiB`, () =>
        installOsOnHost(roots, { os: "image+default", osparams: { image: source }, disks: [{ iv_name: "disk/0", path: file, format: diskFormat }] }),
      );
      expect(log[0]).toBe(`image: writing ${source} (${sourceFormat}, 1.0 MiB) to disk/0 (${diskFormat}, 64 MiB)`);
      expect(log.at(-1)).toMatch(/^image: disk\/0 holds the image and keeps its 64 MiB/);

      expect(guestBytes(file, diskFormat, MiB).equals(pattern())).toBe(true);
      expect(guestBytes(file, diskFormat, MiB + 4096).subarray(MiB).equals(Buffer.alloc(4096))).toBe(true);
      expect(await imageInfo(roots, file, diskFormat)).toMatchObject({ format: diskFormat, virtualSize: 64 * MiB });
      expect(fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith("."))).toEqual([]);
    });
  }

  it("refuses an image larger than the disk, or one with a backing file, and leaves the disk as it was", async () => {
    const file = newDiskPath("vm3.example.com");
    await createImage(roots, file, 4, "raw");
    fs.writeFileSync(file, Buffer.from("still empty"), { flag: "r+" });
    const big = path.join(storage.base, "big.qcow2");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", big, "8M"]);
    const disk = { iv_name: "disk/0", path: file, format: "raw" as const };
    await expect(installOsOnHost(roots, { os: "image", osparams: { image: big }, disks: [disk] })).rejects.toThrow(
      `Image ${big} (8.0 MiB) does not fit disk/0 (4 MiB): grow the disk or use a smaller image`,
    );
    const overlay = path.join(storage.base, "overlay.qcow2");
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", big, overlay]);
    await expect(installOsOnHost(roots, { os: "image", osparams: { image: overlay }, disks: [disk] })).rejects.toThrow(/has a backing file .*: flatten it first/);
    await expect(installOsOnHost(roots, { os: "image", osparams: {}, disks: [disk] })).rejects.toThrow(/needs the osparam image=PATH/);
    await expect(installOsOnHost(roots, { os: "image", osparams: { image: "/nonexistent.img" }, disks: [disk] })).rejects.toThrow(
      "Image /nonexistent.img cannot be read on this node: copy it there or fix the OS parameter image",
    );
    expect(guestBytes(file, "raw", 11).toString()).toBe("still empty");
    expect(fs.statSync(file).size).toBe(4 * MiB);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it("installs nothing with the noop OS", async () => {
    await expect(installOsOnHost(roots, { os: "noop", osparams: {}, disks: [] })).resolves.toEqual(["noop: nothing to install"]);
    await expect(installOsOnHost(roots, { os: "debootstrap", osparams: {}, disks: [] })).rejects.toThrow(/OS 'debootstrap' is not available on this node \(known: noop, image\)/);
  });
});
