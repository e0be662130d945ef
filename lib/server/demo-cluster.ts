// The demo cluster a first start makes when there is no embedded cluster yet: three virtual nodes (simulated machines
// in masterd running the fake hypervisor; nothing executes) and two small running instances, so that a new
// installation has something to look at. Made with the same opcodes as `gnt-cluster init`, `gnt-node add --virtual`
// and `gnt-instance add`.
import type { OpInput } from "@/lib/ganeti/jobs/job";
import type { LuxiClient } from "@/lib/ganeti/luxi/client";
import { waitJob } from "@/lib/ganeti/luxi/wait-job";
import { initCluster } from "@/lib/ganeti/master/bootstrap";

export const DEMO_DOMAIN = "demo.gantry.internal";
const HARDWARE = { memory: 32768, disk: 512 * 1024, cpus: 8 };

export function initDemoCluster(stateDir: string): void {
  initCluster({
    stateDir,
    clusterName: `cluster.${DEMO_DOMAIN}`,
    masterNode: `node1.${DEMO_DOMAIN}`,
    hardware: { memory_total: HARDWARE.memory, memory_dom0: 1024, cpu_total: HARDWARE.cpus, storage_total: HARDWARE.disk, spindles: 1 },
  });
}

/** Adds the demo's other nodes and instances through masterd (init only makes the master node). */
export async function populateDemoCluster(client: LuxiClient): Promise<void> {
  await run(client, ["node2", "node3"].map((n) => ({ OP_ID: "OP_NODE_ADD", node_name: `${n}.${DEMO_DOMAIN}`, virtual_hardware: HARDWARE })));
  await run(
    client,
    [
      ["web", "node2"],
      ["db", "node3"],
    ].map(([name, node]) => ({
      OP_ID: "OP_INSTANCE_CREATE",
      instance_name: `${name}.${DEMO_DOMAIN}`,
      pnode: `${node}.${DEMO_DOMAIN}`,
      disk_template: "plain",
      disks: [{ size: 2048 }],
      nics: [{}],
      os_type: "noop",
      beparams: { memory: 512, vcpus: 1 },
      start: true,
    })),
  );
}

async function run(client: LuxiClient, ops: OpInput[]): Promise<void> {
  const ids = await Promise.all(ops.map((op) => client.call<number>("SubmitJob", [op])));
  for (const id of ids) {
    const job = await waitJob(client, id);
    if (job.status !== "success") throw new Error(`demo cluster: job ${id} ${job.status}: ${JSON.stringify(job.result).slice(0, 300)}`);
  }
}
