// A created qcow2 disk image attached to a real QEMU through the kvm runtime: QEMU opens it (query-block) and the
// node can still read its info while the guest runs. No OS: SeaBIOS finds nothing to boot and waits.
import fs from "node:fs";
import { afterAll, expect, it } from "vitest";
import { kvmUsable } from "../../hypervisors/kvm/qemu-process";
import { KvmRuntime } from "../../hypervisors/kvm/kvm-runtime";
import { describeWithQemu, freeVncPort, tempRuntimeDir, testGuest } from "../../hypervisors/kvm/testing/qemu";
import { createImage, imageInfo, MiB, removeImage } from "./disk-image";
import { diskImagePath } from "./image-layout";
import { hasQemuImg } from "./qemu-img";
import { tempStorage } from "./testing/qemu-img";

type BlockInfo = { device: string; qdev?: string; inserted?: { file: string; drv: string; ro: boolean; image: { "virtual-size": number } } };

describeWithQemu("a kvm guest with a qemu-img disk image", () => {
  const storage = tempStorage();
  const runtime = new KvmRuntime({ runtimeDir: tempRuntimeDir() });

  afterAll(async () => {
    for (const name of runtime.names()) await runtime.stop(name, { force: true });
    fs.rmSync(runtime.runtimeDir, { recursive: true, force: true });
    storage.cleanup();
  });

  it.skipIf(!hasQemuImg())("runs with the created qcow2 disk attached", async () => {
    const dirs = { file_storage_dir: "", shared_file_storage_dir: storage.root };
    const file = diskImagePath(dirs, { template: "sharedfile", uuid: "3c9e7f0a-disk", index: 0 }, "vm1.example.com");
    await createImage([storage.root], file, 256, "qcow2");
    const guest = {
      ...testGuest("vm1.example.com", await freeVncPort(), { kvm_flag: kvmUsable() ? "enabled" : "disabled" }),
      disks: [{ path: file, format: "qcow2" as const }],
    };
    const started = Date.now();
    await runtime.start(guest, { vncPassword: "Zq7pR2xw" });
    console.log(`disk images: kvm guest with a qcow2 disk started in ${Date.now() - started} ms`);
    expect(await runtime.status(guest.name)).toMatchObject({ state: "running", alive: true });

    const blocks = await runtime.qmp(guest.name).execute<BlockInfo[]>("query-block");
    const disk = blocks.find((b) => b.inserted?.file === file);
    expect(disk?.inserted).toMatchObject({ file, drv: "qcow2", ro: false, image: { "virtual-size": 256 * MiB } });

    // The node reads the image's facts while QEMU holds its lock.
    expect(await imageInfo([storage.root], file, "qcow2")).toMatchObject({ virtualSize: 256 * MiB, format: "qcow2" });

    await runtime.stop(guest.name, { force: true });
    expect(await removeImage([storage.root], file)).toBe(true);
  });
});
