// hbal -L SOCKET -X on the embedded cluster: it reads the cluster through the master's luxi socket, runs its moves
// as jobs there (jobsets one after the other), and the cluster it leaves needs no further move.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LuxiServer } from "../../luxi/server";
import { luxiHandlers } from "../../master/luxi-handlers";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import { main } from "./hbal";

const D = "example.org";
let h: Harness;
let server: LuxiServer;
let socket: string;
let socketDir: string;

beforeAll(async () => {
  h = await createHarness();
  await h.addNodes(3, { memory: 16384, disk: 204800, cpus: 8 });
  // every instance on node2 with its secondary on node3: hbal has work to do
  for (const name of ["web1", "web2", "db1"]) {
    await h.createInstance(`${name}.${D}`, "drbd", `node2.${D}:node3.${D}`, { beparams: { maxmem: 2048, vcpus: 1 }, disks: [{ size: 4096 }] });
  }
  socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "hbal-luxi-"));
  socket = path.join(socketDir, "master.sock");
  server = new LuxiServer(luxiHandlers(h.master, () => undefined));
  await server.listen(socket);
});

afterAll(async () => {
  await server?.close();
  await h?.close();
  if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
});

async function hbal(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe("hbal -X on the embedded cluster", () => {
  it("executes its moves as jobs and leaves a cluster with nothing left to move", async () => {
    const planned = await hbal([`--luxi=${socket}`, "-C"]);
    expect(planned.code).toBe(0);
    const steps = Number(planned.out.match(/Solution length=(\d+)/)![1]);
    expect(steps).toBeGreaterThan(0);

    const run = await hbal([`--luxi=${socket}`, "-X"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Executing jobset for instances .*\nGot job IDs \d+/);

    const after = await hbal([`-L${socket}`]);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/No solution found|Cluster is already well balanced/);
    const score = (out: string) => Number(out.match(/Initial score: ([\d.]+)/)![1]);
    expect(score(after.out)).toBeLessThan(score(planned.out));
  });
});
