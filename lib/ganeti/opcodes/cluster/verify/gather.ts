// What cluster verify asks the nodes (Ganeti's node_verify and blockdev_getmirrorstatus_multi): per node its
// verify report (configuration copy, volumes, running instances, DRBD minors, clock) and free memory, and per
// instance disk the mirror status on each node holding it. Offline nodes are not asked.
import type { ConfigStore } from "../../../config/config-store";
import type { Disk, Instance, Node } from "../../../objects/types";
import type { MirrorStatus, NodeInfo, NodeVerifyReport } from "../../../rpc/node-rpc";
import { diskSpecFor } from "../../common";
import type { OpContext } from "../../definition";
import { CV, type VerifyReporter } from "./reporter";

export type NodeImage = {
  node: Node;
  /** Why the node could not be asked (null when it answered); offline nodes are not asked. */
  rpcFail: string | null;
  report: NodeVerifyReport | null;
  info: NodeInfo | null;
  volumes: Set<string>;
  /** Names of the instances running there. */
  running: Set<string>;
};

export type Images = Map<string, NodeImage>;
export type DiskResult = { ok: true; status: MirrorStatus } | { ok: false; error: string };
/** instance UUID → node UUID → one result per disk of the instance on that node. */
export type DiskStatus = Map<string, Map<string, Array<{ disk: Disk; result: DiskResult }>>>;

/** Asks the nodes not asked yet; returns the time window of the calls (for the clock check). */
export async function gatherNodes(ctx: Pick<OpContext, "config" | "rpc">, nodes: Node[], images: Images): Promise<{ start: number; end: number }> {
  const wanted = nodes.filter((n) => !images.has(n.uuid));
  const online = wanted.filter((n) => !n.offline).map((n) => n.uuid);
  const start = Date.now() / 1000;
  const [reports, infos] = await Promise.all([ctx.rpc.each(online, (rpc) => rpc.nodeVerify()), ctx.rpc.each(online, (rpc) => rpc.nodeInfo())]);
  const end = Date.now() / 1000;
  for (const node of wanted) {
    const report = reports.get(node.uuid);
    const info = infos.get(node.uuid);
    const failure = node.offline ? null : !report?.ok ? (report?.error.message ?? "no answer") : !info?.ok ? info?.error.message ?? "no answer" : null;
    const value = report?.ok ? report.value : null;
    images.set(node.uuid, {
      node,
      rpcFail: failure,
      report: failure ? null : value,
      info: !failure && info?.ok ? info.value : null,
      volumes: new Set(value && !failure ? Object.keys(value.volumes) : []),
      running: new Set(value && !failure ? value.instances : []),
    });
  }
  return { start, end };
}

/** Mirror status of every disk on every answering node among `nodes`. */
export async function gatherDisks(ctx: Pick<OpContext, "config" | "rpc">, nodes: Node[], images: Images, r: VerifyReporter): Promise<DiskStatus> {
  const { config } = ctx;
  const status: DiskStatus = new Map();
  const asked = nodes.filter((n) => !images.get(n.uuid)?.rpcFail && !n.offline);
  await Promise.all(
    asked.map(async (node) => {
      const disks = disksOn(config, node.uuid);
      if (!disks.length) return;
      const specs = disks.map(({ instance, disk }) => diskSpecFor(config, disk, node.uuid, instance.primary_node));
      let results: DiskResult[];
      try {
        results = (await ctx.rpc.node(node.uuid).blockdevMirrorStatus(specs)).map((s) => ({ ok: true as const, status: s }));
      } catch (error) {
        const message = (error as Error).message;
        r.error(CV.ENODERPC, node.name, `while getting disk information: ${message}`);
        results = disks.map(() => ({ ok: false as const, error: message }));
      }
      disks.forEach(({ instance, disk }, i) => {
        const perNode = status.get(instance.uuid) ?? new Map<string, Array<{ disk: Disk; result: DiskResult }>>();
        status.set(instance.uuid, perNode);
        const list = perNode.get(node.uuid) ?? [];
        perNode.set(node.uuid, list);
        list.push({ disk, result: results[i]! });
      });
    }),
  );
  return status;
}

function disksOn(config: ConfigStore, nodeUuid: string): Array<{ instance: Instance; disk: Disk }> {
  const out: Array<{ instance: Instance; disk: Disk }> = [];
  for (const instance of config.instances()) {
    for (const disk of config.instanceDisks(instance)) if (disk.nodes.includes(nodeUuid)) out.push({ instance, disk });
  }
  return out;
}

/** The volumes an instance needs on each node, as the nodes report them ("lv:vg/name", "file:path"). */
export function expectedVolumes(config: ConfigStore, instance: Instance): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (node: string, key: string) => map.set(node, [...(map.get(node) ?? []), key]);
  for (const disk of config.instanceDisks(instance)) {
    const volumes = disk.dev_type === "drbd" ? disk.children : [disk];
    for (const volume of volumes) {
      const [a, b] = volume.logical_id as [string, string];
      if (volume.dev_type === "plain") for (const node of disk.nodes) add(node, `lv:${a}/${b}`);
      // File disks live on the primary; sharedfile ones on storage every node shares (checked via mirror status).
      else if (volume.dev_type === "file") add(disk.nodes[0]!, `file:${b}`);
    }
  }
  return map;
}

/** "lv:xenvg/x.disk0" → "xenvg/x.disk0" (Ganeti's volume names), "file:/srv/..." → the path. */
export const volumeName = (key: string) => key.slice(key.indexOf(":") + 1);

/** An instance by its exact name (what nodes report), without the short-name matching of user input. */
export function instanceByName(config: ConfigStore, name: string): Instance | undefined {
  return config.hasExactName("instance", name) ? config.instance(config.lookupName("instance", name)!) : undefined;
}
