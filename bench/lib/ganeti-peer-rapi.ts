// Ganeti 3.0.2's RAPI on the peer cluster (bench/peer/ganeti-netns.sh: https://10.99.0.1:5080, admin/s3cret, reachable
// from the root namespace through its veth), and the few fake-hypervisor instances bench/rapi lists there, made and
// removed through that RAPI.
import fs from "node:fs";
import { BenchRapiClient, type RapiEndpoint } from "./rapi-client";

export const PEER_NODE = "node1.gnt.test";
const PEER_CERT = "/var/lib/ganeti/rapi.pem";

export function peerRapiEndpoint(): RapiEndpoint {
  // Ganeti's self-signed certificate names the node, not 10.99.0.1: the chain is checked against it, the name is not.
  return { url: "https://10.99.0.1:5080", user: "admin", password: "s3cret", ca: fs.readFileSync(PEER_CERT, "utf8"), skipHostCheck: true };
}

const instanceName = (prefix: string, i: number) => `${prefix}${i}.gnt.test`;

/** Creates `count` diskless, started instances named PREFIXn.gnt.test (removing leftovers of an earlier run first). */
export async function createPeerInstances(endpoint: RapiEndpoint, prefix: string, count: number): Promise<string[]> {
  const client = new BenchRapiClient(endpoint, 4);
  try {
    await removePeerInstances(endpoint, prefix);
    const names = Array.from({ length: count }, (_, i) => instanceName(prefix, i));
    const ids = await Promise.all(
      names.map(async (instance_name) => {
        const body = {
          __version__: 1, mode: "create", instance_name, disk_template: "diskless", disks: [], nics: [{}], os_type: "noop",
          pnode: PEER_NODE, beparams: { memory: 128, vcpus: 1 }, name_check: false, ip_check: false, start: true,
        };
        return (await client.ok<number>("POST", "/2/instances", body)).body;
      }),
    );
    for (const [i, id] of ids.entries()) {
      const job = await client.waitJob(id, 200);
      if (job.status !== "success") throw new Error(`creating ${names[i]} on the peer: job ${id} ${job.status}: ${JSON.stringify(job.opresult).slice(0, 300)}`);
    }
    return names;
  } finally {
    client.close();
  }
}

/** Removes every peer instance whose name starts with `prefix`. */
export async function removePeerInstances(endpoint: RapiEndpoint, prefix: string): Promise<number> {
  const client = new BenchRapiClient(endpoint, 4);
  try {
    const { body } = await client.ok<Array<{ id: string }>>("GET", "/2/instances");
    const names = body.map((s) => s.id).filter((n) => n.startsWith(prefix));
    const ids = await Promise.all(names.map(async (name) => (await client.ok<number>("DELETE", `/2/instances/${encodeURIComponent(name)}`)).body));
    for (const id of ids) await client.waitJob(id, 200);
    return names.length;
  } finally {
    client.close();
  }
}
