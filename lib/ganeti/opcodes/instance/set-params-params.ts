// OP_INSTANCE_SET_PARAMS's parameters, with Ganeti's names and defaults (src/Ganeti/OpParams.hs), and the disk/NIC
// modification lists in both of Ganeti's forms: [op, index-or-name, params] and the legacy [op-or-index, params].
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { DISK_TEMPLATES } from "../../objects/types";
import { instanceNameParam } from "../common";
import { nonEmptyString, opParams } from "../definition";

const record = z.record(z.string(), z.unknown());
const identifier = z.union([z.number().int(), z.string()]);
const modification = z.union([z.tuple([z.string(), identifier, record]), z.tuple([identifier, record])]);

export const setParamsSchema = opParams({
  instance_name: instanceNameParam,
  force: z.boolean().default(false),
  force_variant: z.boolean().default(false),
  ignore_ipolicy: z.boolean().default(false),
  nics: z.array(modification).default([]),
  disks: z.array(modification).default([]),
  beparams: record.default({}),
  runtime_mem: z.number().int().positive().nullable().default(null),
  hvparams: record.default({}),
  disk_template: z.enum(DISK_TEMPLATES).nullable().default(null),
  ext_params: record.default({}),
  file_driver: z.enum(["loop", "blktap", "blktap2"]).nullable().default(null),
  file_storage_dir: nonEmptyString().nullable().default(null),
  pnode: nonEmptyString().nullable().default(null),
  remote_node: nonEmptyString().nullable().default(null),
  iallocator: nonEmptyString().nullable().default(null),
  os_name: nonEmptyString().nullable().default(null),
  osparams: record.default({}),
  osparams_private: record.default({}),
  clear_osparams: z.boolean().default(false),
  clear_osparams_private: z.boolean().default(false),
  remove_osparams: z.array(z.string()).default([]),
  remove_osparams_private: z.array(z.string()).default([]),
  wait_for_sync: z.boolean().default(true),
  offline: z.boolean().nullable().default(null),
  conflicts_check: z.boolean().default(true),
  hotplug: z.boolean().default(false),
  hotplug_if_possible: z.boolean().default(false),
  instance_communication: z.boolean().nullable().default(null),
});

export type SetParams = z.infer<typeof setParamsSchema>;

export type ModOp = "add" | "modify" | "remove";
export type Mod = { op: ModOp; id: number | string; params: Record<string, unknown> };

/** Ganeti's _UpgradeDiskNicMods plus the op check: every modification as {op, id, params}. */
export function normaliseMods(kind: "disk" | "NIC", mods: SetParams["disks"]): Mod[] {
  if (mods.length && mods[0]!.length === 2) {
    let addRemove = 0;
    return (mods as Array<[number | string, Record<string, unknown>]>).map(([head, params]) => {
      if (head === "add" || head === "remove" || head === "attach" || head === "detach") {
        if (++addRemove > 1) throw new OpPrereqError(`Only one ${kind} add/attach/remove/detach operation is supported at a time`, "wrong_input");
        return checkOp(kind, head, -1, params);
      }
      return checkOp(kind, "modify", head, params);
    });
  }
  return mods.map((mod) => {
    if (mod.length !== 3) throw new OpPrereqError(`Mixed ${kind} modification formats: use [op, index, params] throughout`, "wrong_input");
    return checkOp(kind, mod[0], mod[1], mod[2]);
  });
}

function checkOp(kind: string, op: string, id: number | string, params: Record<string, unknown>): Mod {
  if (op === "attach" || op === "detach") throw new OpPrereqError(`Attaching and detaching ${kind}s is not supported yet`, "wrong_input");
  if (op !== "add" && op !== "modify" && op !== "remove") {
    throw new OpPrereqError(`Invalid ${kind} modification '${op}': use add, modify or remove`, "wrong_input");
  }
  if (op === "remove" && Object.keys(params).length) throw new OpPrereqError(`No settings should be passed when removing a ${kind}`, "wrong_input");
  if (op === "modify" && !Object.keys(params).length) throw new OpPrereqError(`No settings given to modify ${kind} ${id}`, "wrong_input");
  return { op, id, params };
}

/** What Ganeti's CheckArguments refuses before looking at the instance. */
export function checkArguments(p: SetParams): void {
  const changes =
    p.nics.length || p.disks.length || p.disk_template || Object.keys(p.hvparams).length || Object.keys(p.beparams).length || p.os_name ||
    Object.keys(p.osparams).length || Object.keys(p.osparams_private).length || p.clear_osparams || p.clear_osparams_private ||
    p.remove_osparams.length || p.remove_osparams_private.length || p.offline !== null || p.runtime_mem || p.pnode ||
    p.instance_communication !== null;
  if (!changes) throw new OpPrereqError("No changes submitted", "wrong_input");
  if (p.disk_template || p.remote_node || p.iallocator || p.file_driver || p.file_storage_dir || Object.keys(p.ext_params).length) {
    throw new OpPrereqError("Changing the disk template (-t, with -n/--iallocator) is not supported yet", "wrong_input");
  }
  if (p.pnode) throw new OpPrereqError("Changing the primary node (--new-primary) is not supported yet; use gnt-instance failover or migrate", "wrong_input");
  if (p.instance_communication !== null) throw new OpPrereqError("Instance communication is not supported yet", "wrong_input");
  if (p.hotplug) throw new OpPrereqError("Hotplug is not supported yet; changes to disks and NICs apply at the next restart", "wrong_input");
}
