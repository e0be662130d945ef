// The query reader's instance stamps read as row texts (only rows unlike the last answer's parsed) against the same
// stamps from the parsed answer, on Gantry's real RAPI.
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRapiHarness, USERS, type RapiHarness } from "@/lib/ganeti/rapi/testing/rapi-harness";
import { rapiConnector, type ClusterClient } from "@/lib/manager/clusters/cluster-connection";
import { INSTANCE_CHANGE_FIELDS, instanceChangeKey } from "./cache-fields";
import { queryReader, type InstanceStamps } from "./cluster-reader";

const D = "example.org";
let rapi: RapiHarness;
let client: ClusterClient;
beforeAll(async () => {
  rapi = await createRapiHarness({ tls: true });
  await rapi.cluster.addNodes(2);
  for (const name of ["web1", "web3", "db1"]) await rapi.cluster.createInstance(`${name}.${D}`, "plain", `node2.${D}`);
  const fingerprint = new crypto.X509Certificate(rapi.ca!).fingerprint256;
  client = rapiConnector({ url: rapi.rapi.url, username: "admin", password: USERS.admin, fingerprint });
}, 60_000);
afterAll(async () => {
  client?.close();
  await rapi?.close();
});

/** The stamps made the plain way: the whole answer parsed, each row's change key from its record. */
const parsed = async () =>
  (await client.query("instance", INSTANCE_CHANGE_FIELDS)).data.map((row) => {
    const record = Object.fromEntries(INSTANCE_CHANGE_FIELDS.map((field, i) => [field, row[i]![0] === 0 ? row[i]![1] : null]));
    return [String(record.name), instanceChangeKey(record)];
  });
const stopBehindTheBack = (name: string) => rapi.cluster.master.rpc.node(rapi.cluster.master.config.expandName("node", `node2.${D}`)).instanceShutdown(`${name}.${D}`, 0);

it("reads the same stamps from row texts as from the parsed answer, and follows changes between reads", async () => {
  const reader = queryReader(client);
  const first = await reader.instanceStamps();
  expect(first.rows).toHaveLength(3);
  expect(first.stamps).toEqual(await parsed());

  expect(await reader.instanceStamps(first)).toBe(first); // the same answer: nothing parsed, nothing new
  await rapi.cluster.ok({ OP_ID: "OP_TAGS_SET", kind: "instance", name: `db1.${D}`, tags: ["blue"] }); // changes no stamp field but mtime and serial_no
  const again = await reader.instanceStamps(first);
  expect(again.stamps).toEqual(await parsed());
  expect(again.stamps[1]).toBe(first.stamps[1]); // web1's row has the same text: not parsed again

  await stopBehindTheBack("web1");
  const stopped = await reader.instanceStamps(again);
  expect(stopped.stamps).toEqual(await parsed());
  const key = (s: InstanceStamps, name: string) => s.stamps.find(([n]) => n === `${name}.${D}`)![1];
  expect(key(stopped, "web1")).not.toBe(key(again, "web1"));
  expect(key(stopped, "db1")).toBe(key(again, "db1"));

  // A new instance between the others moves the rows after it: they are still found by their text.
  await rapi.cluster.createInstance(`web2.${D}`, "plain", `node3.${D}`);
  const added = await reader.instanceStamps(stopped);
  expect(added.stamps.map(([name]) => name)).toEqual(["db1", "web1", "web2", "web3"].map((n) => `${n}.${D}`));
  expect(added.stamps).toEqual(await parsed());
});
