import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { expectRefused, runOk } from "../../testing/op-assertions";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.addNodes(1);
});
afterEach(() => h.close());

const installed = () => h.master.virtualNodes.get("node2.example.org")!.state.installed_os["web1.example.org"]!;

describe("OP_INSTANCE_REINSTALL", () => {
  it("reinstalls a stopped instance, refusing a running one", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org");
    await expectRefused(h, { OP_ID: "OP_INSTANCE_REINSTALL", instance_name: "web1" }, "wrong_state", /is marked to be up, cannot reinstall/);
    await h.ok({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name: "web1" });
    const before = installed().installed;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { log } = await runOk(h, { OP_ID: "OP_INSTANCE_REINSTALL", instance_name: "web1" });
    expect(log).toEqual(["Running the instance OS create scripts...", "noop: nothing to install"]);
    expect(installed().installed).toBeGreaterThan(before);
  });

  it("installs another OS with its parameters and records them", async () => {
    const image = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gantry-image-")), "disk.img");
    fs.writeFileSync(image, Buffer.alloc(1024 * 1024));
    await h.createInstance("web1.example.org", "plain", "node2.example.org", { start: false });
    const { log } = await runOk(h, { OP_ID: "OP_INSTANCE_REINSTALL", instance_name: "web1", os_type: "image", osparams: { image } });
    expect(log[0]).toBe("Changing OS scripts to 'image'...");
    expect(log).toContain(`image: wrote ${image} (1 MiB) to disk/0 (simulated on a virtual node)`);
    const instance = h.master.config.instance(h.master.config.expandName("instance", "web1"))!;
    expect(instance).toMatchObject({ os: "image", osparams: { image } });
    expect(installed().os).toBe("image");
    fs.rmSync(path.dirname(image), { recursive: true });
  });

  it("refuses an OS the node does not have, changing nothing", async () => {
    await h.createInstance("web1.example.org", "plain", "node2.example.org", { start: false });
    const serial = h.master.config.serial;
    await expectRefused(h, { OP_ID: "OP_INSTANCE_REINSTALL", instance_name: "web1", os_type: "debian" }, "wrong_input", /OS 'debian' not in supported OS list for node node2.example.org/);
    await expectRefused(h, { OP_ID: "OP_INSTANCE_REINSTALL", instance_name: "web1", os_type: "noop+buster" }, "wrong_input", /OS 'noop' doesn't support variants \('buster' passed\)/);
    expect(h.master.config.serial).toBe(serial);
  });
});
