import { createHarness } from "./cluster-harness";
import { jobStatus } from "../jobs/job";
const h = await createHarness({ distributeDelayMs: 200 });
await h.addNodes(39, { memory: 1024 * 1024, disk: 10 * 1024 * 1024, cpus: 64 });
const total = Number(process.argv[2] ?? 2000);
const batch = 500;
let done = 0;
const t0 = Date.now();
while (done < total) {
  const t = Date.now();
  const ids = [];
  for (let i = 0; i < batch; i++) {
    const n = done + i;
    ids.push(await h.master.submit([{ OP_ID: "OP_INSTANCE_CREATE", instance_name: `i${n}.example.org`, disk_template: "diskless", disks: [], nics: [{}], os_type: "noop", no_install: true, pnode: `node${2 + (n % 39)}.example.org` }]));
  }
  for (const id of ids) await h.master.waitForJob(id);
  done += batch;
  const bad = ids.filter((id) => jobStatus(h.master.queue.get(id)!) !== "success").length;
  console.log(`${done} instances: batch ${Date.now() - t} ms (${((Date.now() - t) / batch).toFixed(1)} ms/job), failed ${bad}, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}
console.log(`total ${Date.now() - t0} ms`);
await h.close();
