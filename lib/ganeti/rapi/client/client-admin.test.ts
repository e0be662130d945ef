// The RAPI client's less common operations against Gantry's real RAPI server and an embedded cluster: rename,
// reinstall, grow a disk, replace disks, node roles, evacuation, node migration, job cancel, configuration
// redistribution — each checked by what the cluster then shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, USERS, type RapiHarness } from "../testing/rapi-harness";
import { RapiClient } from "./client";
import { RapiBadRequestError, RapiConfigError } from "./errors";

let h: RapiHarness;
let admin: RapiClient;
const D = "example.org";

beforeAll(async () => {
  h = await createRapiHarness();
  await h.cluster.addNodes(3);
  await h.cluster.createInstance(`db1.${D}`, "drbd", `node2.${D}:node3.${D}`);
  await h.cluster.createInstance(`web1.${D}`, "plain", `node2.${D}`);
  admin = new RapiClient({ url: h.rapi.url, username: "admin", password: USERS.admin });
});
afterAll(async () => {
  admin?.close();
  await h?.close();
});

describe("instances", () => {
  it("renames a stopped instance", async () => {
    await admin.waitForJob(await admin.shutdownInstance(`web1.${D}`, { shutdownTimeout: 0 }));
    const job = await admin.waitForJob(await admin.renameInstance(`web1.${D}`, `web2.${D}`, { nameCheck: false, ipCheck: false }));
    expect(job.ops[0]).toMatchObject({ OP_ID: "OP_INSTANCE_RENAME", new_name: `web2.${D}`, name_check: false });
    expect(await admin.getInstances()).toContain(`web2.${D}`);
    await expect(admin.renameInstance(`web2.${D}`, " ")).rejects.toBeInstanceOf(RapiConfigError);
  });

  it("reinstalls an instance, leaving it stopped when asked", async () => {
    const job = await admin.waitForJob(await admin.reinstallInstance(`web2.${D}`, { os: "noop", start: false }));
    expect(job.ops.map((o) => o.OP_ID)).toEqual(["OP_INSTANCE_SHUTDOWN", "OP_INSTANCE_REINSTALL"]);
    expect((await admin.getInstance(`web2.${D}`)).admin_state).toBe("down");
  });

  it("grows a disk by an amount", async () => {
    const before = (await admin.getInstance(`web2.${D}`))["disk.sizes"] as number[];
    await admin.waitForJob(await admin.growInstanceDisk(`web2.${D}`, 0, 512));
    expect((await admin.getInstance(`web2.${D}`))["disk.sizes"]).toEqual([before[0]! + 512]);
    await expect(admin.growInstanceDisk(`web2.${D}`, -1, 512)).rejects.toBeInstanceOf(RapiConfigError);
  });

  it("replaces a DRBD instance's secondary through the allocator", async () => {
    const job = await admin.waitForJob(await admin.replaceInstanceDisks(`db1.${D}`, { mode: "replace_new_secondary", iallocator: "hail" }));
    expect(job.ops[0]).toMatchObject({ OP_ID: "OP_INSTANCE_REPLACE_DISKS", mode: "replace_new_secondary" });
    expect((await admin.getInstance(`db1.${D}`)).snodes).not.toEqual([`node3.${D}`]);
  });
});

describe("nodes", () => {
  it("reads and sets a node's role", async () => {
    expect(await admin.getNodeRole(`node1.${D}`)).toBe("master");
    await admin.waitForJob(await admin.setNodeRole(`node4.${D}`, "drained"));
    expect(await admin.getNodeRole(`node4.${D}`)).toBe("drained");
    // Back from drained, a node fills the short candidate pool again (Ganeti's self-promotion).
    await admin.waitForJob(await admin.setNodeRole(`node4.${D}`, "regular"));
    expect(await admin.getNodeRole(`node4.${D}`)).toBe("master-candidate");
    await expect(admin.setNodeRole(`node4.${D}`, "master" as never)).rejects.toBeInstanceOf(RapiBadRequestError);
  });

  it("migrates a node's primaries away and evacuates it", async () => {
    const db1 = await admin.getInstance(`db1.${D}`);
    const migrated = await admin.waitForJob(await admin.migrateNode(db1.pnode as string, { mode: "live" }));
    expect(migrated.ops[0]).toMatchObject({ OP_ID: "OP_NODE_MIGRATE", mode: "live" });
    // Like an evacuation, the node migration submits one job per instance.
    await expect.poll(async () => (await admin.getInstance(`db1.${D}`)).pnode, { timeout: 20_000 }).not.toBe(db1.pnode);
    // Evacuating the secondary of a DRBD instance gives it a new one (plain instances cannot be relocated, as in Ganeti).
    const [secondary] = (await admin.getInstance(`db1.${D}`)).snodes as string[];
    await admin.waitForJob(await admin.evacuateNode(secondary!, { mode: "secondary-only", iallocator: "hail" }));
    await expect.poll(async () => (await admin.getInstance(`db1.${D}`)).snodes, { timeout: 20_000 }).not.toEqual([secondary]);
  });
});

describe("jobs and the cluster", () => {
  it("cancels a queued job, and says when a job cannot be canceled", async () => {
    const slow = await admin.waitForJob(await admin.redistributeConfig());
    expect(slow.status).toBe("success");
    const [done, message] = await admin.cancelJob(slow.id as number);
    expect(done).toBe(false);
    expect(message).toMatch(/finished|success/i);
  });
});
