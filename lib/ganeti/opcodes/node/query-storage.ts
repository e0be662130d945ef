// OP_NODE_QUERY_STORAGE (gnt-node list-storage, RAPI /2/nodes/[n]/storage): one row per storage unit per node, in
// the requested field order, as Ganeti's LUNodeQueryStorage. Virtual nodes report their local storage as the
// cluster's volume group (lvm-vg) and its file storage directory (file); offline nodes are skipped.
import { z } from "zod";
import type { ConfigStore } from "../../config/config-store";
import { OpPrereqError } from "../../errors";
import type { Cluster, DiskTemplate } from "../../objects/types";
import { nodeLocks } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";

const FIELDS = ["node", "type", "name", "size", "used", "free", "allocatable"] as const;
type Field = (typeof FIELDS)[number];
/** Storage types and the disk templates that use them (Ganeti's MAP_DISK_TEMPLATE_STORAGE_TYPE). */
const STORAGE_OF: Record<string, DiskTemplate[]> = { "lvm-vg": ["plain", "drbd"], "lvm-pv": ["plain", "drbd"], file: ["file"], sharedfile: ["sharedfile"] };
const REPORTED = ["lvm-vg", "file"];
const TEMPLATE_STORAGE: Partial<Record<DiskTemplate, string>> = { plain: "lvm-vg", drbd: "lvm-vg", file: "file", sharedfile: "sharedfile" };

const params = opParams({
  output_fields: z.array(nonEmptyString()).min(1, "give at least one output field"),
  storage_type: z.string().nullable().optional(),
  nodes: z.array(nonEmptyString()).default([]),
  name: nonEmptyString().nullable().optional(),
});
type Params = z.infer<typeof params>;

export const nodeQueryStorage = defineOpcode<Params, { nodes: string[]; storageType: string }>({
  id: "OP_NODE_QUERY_STORAGE",
  params,
  locks: (ctx, p) => nodeLocks(wantedNodes(ctx.config, p.nodes), "shared"),
  prereq(ctx, p) {
    const unknown = p.output_fields.filter((f) => !FIELDS.includes(f as Field));
    if (unknown.length) throw new OpPrereqError(`Unknown output fields selected: ${unknown.join(",")}`, "wrong_input");
    const storageType = p.storage_type ?? defaultStorageType(ctx.config.cluster);
    checkStorageType(ctx.config.cluster, storageType);
    return { nodes: wantedNodes(ctx.config, p.nodes), storageType };
  },
  async exec(ctx, p, { nodes, storageType }) {
    const { config } = ctx;
    const online = nodes.filter((uuid) => !config.node(uuid)!.offline);
    const results = await ctx.rpc.each(online, (rpc) => rpc.storageList(storageType));
    const rows: unknown[][] = [];
    for (const uuid of online.sort((a, b) => config.node(a)!.name.localeCompare(config.node(b)!.name))) {
      const node = config.node(uuid)!;
      const result = results.get(uuid);
      if (!result?.ok) {
        ctx.log(`- WARNING: Can't get storage data from node ${node.name}: ${result?.error.message ?? "no answer"}`);
        continue;
      }
      const units = result.value
        .map((unit) => ({ ...unit, name: unitName(config.cluster, storageType, unit.name) }))
        .filter((unit) => !p.name || unit.name === p.name)
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const unit of units) {
        rows.push(p.output_fields.map((field) => (field === "node" ? node.name : field === "type" ? storageType : unit[field as Exclude<Field, "node" | "type">])));
      }
    }
    return rows;
  },
});

function wantedNodes(config: ConfigStore, names: string[]): string[] {
  return names.length ? names.map((name) => config.expandName("node", name)) : config.nodes().map((n) => n.uuid);
}

function defaultStorageType(cluster: Cluster): string {
  const type = TEMPLATE_STORAGE[cluster.enabled_disk_templates[0]!];
  if (!type || !REPORTED.includes(type)) {
    throw new OpPrereqError(
      `Storage reporting for storage type '${type ?? "diskless"}' is not supported. Please use the --storage-type option to specify one of the supported storage types (${REPORTED.join(", ")}) or set the default disk template to one that supports storage reporting.`,
      "wrong_input",
    );
  }
  return type;
}

/** Ganeti's CheckStorageTypeEnabled, plus what virtual nodes can report. */
function checkStorageType(cluster: Cluster, type: string): void {
  const templates = STORAGE_OF[type];
  if (!templates) throw new OpPrereqError(`Unknown storage type '${type}' (known: ${Object.keys(STORAGE_OF).join(", ")})`, "wrong_input");
  if (!templates.some((t) => cluster.enabled_disk_templates.includes(t))) {
    throw new OpPrereqError(
      `No disk template of storage type '${type}' is enabled in this cluster. Enabled disk templates are: ${cluster.enabled_disk_templates.join(",")}`,
      "wrong_input",
    );
  }
  if (!REPORTED.includes(type)) throw new OpPrereqError(`Storage type '${type}' cannot be listed on virtual nodes (available: ${REPORTED.join(", ")})`, "wrong_input");
}

/** A virtual node has one storage pool; it answers under the names the cluster gives it. */
function unitName(cluster: Cluster, type: string, reported: string): string {
  if (type === "lvm-vg") return cluster.volume_group_name || reported;
  if (type === "file") return cluster.file_storage_dir || reported;
  return reported;
}
