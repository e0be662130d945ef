// The rebalance preview and its execution through the manager, against Gantry's real RAPI and an embedded cluster
// made lopsided on purpose (every DRBD instance on the same two of four nodes): the preview lists hbal's moves and a
// better score; executing submits them chained by job dependencies, and afterwards the cluster scores as planned.
// Also the cluster page's data and who may see and do what.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { changePermission } from "@/lib/manager/permissions/change-permission";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";
import { clusterOverview, redistributeConfig } from "./cluster-overview";
import { executeRebalance, previewRebalance } from "./rebalance";

let h: ManagerHarness;
const D = "example.org";
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

beforeAll(async () => {
  h = await createManagerHarness();
  await h.rapi.cluster.addNodes(1);
  for (let i = 0; i < 6; i++) await h.rapi.cluster.createInstance(`vm${i}.${D}`, "drbd", `node2.${D}:node3.${D}`, { beparams: { maxmem: 2048, minmem: 2048, vcpus: 1 } });
  await h.sync();
}, 90_000);
afterAll(() => h?.close());

describe("rebalancing", () => {
  it("previews hbal's moves with the score before and after, for cluster admins only", async () => {
    const { groups } = await previewRebalance(h.deps, { actor: h.admin, cluster: "lab" });
    expect(groups).toHaveLength(1);
    const [plan] = groups;
    expect(plan).toMatchObject({ group: "default", nodes: 4, instances: 6 });
    expect(plan!.finalScore).toBeLessThan(plan!.initialScore);
    const moves = plan!.jobSets.flat();
    expect(moves.length).toBeGreaterThan(0);
    for (const move of moves) {
      expect(move.instance).toMatch(/^vm\d\.example\.org$/);
      expect(move.commands.join("\n")).toMatch(/gnt-instance (migrate|failover|replace-disks)/);
      expect(move.opcodes.length).toBeGreaterThan(0);
    }
    const user = await h.user("someone");
    await changePermission({ db: h.t.db }, { actor: h.admin, grant: true, input: { grantee: "user:someone", cluster: "lab", perm: "migrate" } });
    expect(isAppError(await refusal(previewRebalance(h.deps, { actor: user, cluster: "lab" })), "forbidden")).toBe(true);
  });

  it("executes the plan as chained jobs; afterwards the cluster has the planned score and nothing left to do", async () => {
    const planned = (await previewRebalance(h.deps, { actor: h.admin, cluster: "lab" })).groups[0]!;
    const result = await executeRebalance(h.deps, { actor: h.admin, cluster: "lab" });
    const jobIds = result.moves.flatMap((m) => m.jobIds);
    expect(result.moves.length).toBe(planned.jobSets.flat().length);
    // Jobs after the first set wait for the ones before (Ganeti's depends).
    const later = await h.rapi.job(jobIds[jobIds.length - 1]!);
    if (planned.jobSets.length > 1) expect(later.ops[0].depends).not.toBeNull();
    await h.settle(...jobIds);
    for (const id of jobIds) expect((await h.rapi.job(id)).status).toBe("success");
    const after = (await previewRebalance(h.deps, { actor: h.admin, cluster: "lab" })).groups[0]!;
    expect(after.initialScore).toBeCloseTo(planned.finalScore, 6);
    expect(after.jobSets).toEqual([]);
    expect(await h.t.db.auditEntry.count({ where: { action: "cluster.rebalance_move", result: "success" } })).toBe(jobIds.length);
  });
});

describe("the cluster page", () => {
  it("shows the cluster's info, capacity and instances by status to those who see the whole cluster", async () => {
    const overview = await clusterOverview(h.deps, { actor: await h.user("someone"), cluster: "lab" });
    expect(overview.info).toMatchObject({ name: `cluster.${D}`, enabledDiskTemplates: expect.arrayContaining(["drbd"]) });
    expect(overview.capacity).toMatchObject({ nodes: 4, offline: 0 });
    expect(overview.capacity.memoryTotal).toBeGreaterThan(overview.capacity.memoryFree);
    expect(overview.instances).toEqual({ running: 6 });
    // Six running VMs of one vCPU each, all in the one group.
    expect(overview.capacity.vcpusUp).toBe(6);
    expect(overview.groups[0]!.capacity.vcpusUp).toBe(6);
    expect(JSON.stringify(overview)).not.toContain("rapiPasswordBox");
    expect(isAppError(await refusal(clusterOverview(h.deps, { actor: await h.user("stranger"), cluster: "lab" })), "forbidden")).toBe(true);
  });

  it("redistributes the configuration as a job, for cluster admins", async () => {
    const job = await redistributeConfig(h.deps, { actor: h.admin, cluster: "lab" });
    await h.settle(job.jobId);
    expect((await h.rapi.job(job.jobId)).ops[0].OP_ID).toBe("OP_CLUSTER_REDIST_CONF");
    expect(isAppError(await refusal(redistributeConfig(h.deps, { actor: await h.user("someone"), cluster: "lab" })), "forbidden")).toBe(true);
  });
});
