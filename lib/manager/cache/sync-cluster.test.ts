// Syncs in a row with nothing changed take the answers kept on both sides (masterd's query text, the memo's last
// stamps): a change behind the manager's back still shows in the very next sync, and only it is written.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createManagerHarness, type ManagerHarness } from "@/lib/manager/testing/manager-harness";

const D = "example.org";
let h: ManagerHarness;

beforeAll(async () => {
  h = await createManagerHarness();
  for (const name of ["web1", "web2", "web3"]) await h.rapi.cluster.createInstance(`${name}.${D}`, "plain", `node2.${D}`);
}, 60_000);
afterAll(() => h?.close());

const sync = async (options?: { full?: boolean }) => {
  const report = await h.sync(options);
  if (!report.ok) throw new Error(report.error);
  return report.written;
};
const instance = (name: string) => h.t.db.cachedInstance.findUniqueOrThrow({ where: { clusterId_name: { clusterId: h.clusterId, name: `${name}.${D}` } } });
const stopOnItsNode = (name: string) => h.rapi.cluster.master.rpc.node(h.rapi.cluster.master.config.expandName("node", `node2.${D}`)).instanceShutdown(`${name}.${D}`, 0);

it("shows a VM that stopped behind the manager's back in the next sync after quiet ones, and writes only it", async () => {
  expect((await sync({ full: true })).instances).toBe(3); // full
  for (let i = 0; i < 3; i++) expect(await sync()).toMatchObject({ instances: 0, removed: 0 });

  await stopOnItsNode("web2");
  expect(await sync()).toMatchObject({ instances: 1, removed: 0 });
  expect(await instance("web2")).toMatchObject({ status: "ERROR_down", operState: false });
  expect(await sync()).toMatchObject({ instances: 0, removed: 0 });

  await stopOnItsNode("web3");
  expect(await sync()).toMatchObject({ instances: 1 });
  expect(await instance("web3")).toMatchObject({ status: "ERROR_down", operState: false });
  expect(await instance("web1")).toMatchObject({ status: "running", operState: true });

  await h.rapi.cluster.ok({ OP_ID: "OP_INSTANCE_REMOVE", instance_name: `web1.${D}` } as never);
  expect(await sync()).toMatchObject({ instances: 0, removed: 1 });
  expect(await sync()).toMatchObject({ instances: 0, removed: 0 });
});
