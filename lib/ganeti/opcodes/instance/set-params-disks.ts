// Disk modifications of OP_INSTANCE_SET_PARAMS, planned in the preconditions: each [op, id, params] resolved
// against the disk list as the earlier ones leave it, checked (state, space, names, count), and turned into
// steps for set-params-disks-exec.ts plus Ganeti's change descriptions.
import { OpPrereqError } from "../../errors";
import type { Disk, Instance } from "../../objects/types";
import { diskUsagePerNode, type DiskRequest } from "../../storage/disk-templates";
import { checkNodeOnline } from "../common";
import type { OpContext } from "../definition";
import { addPosition, findPosition, nameValue, validateDeviceNames } from "./container-mods";
import { checkNodesFreeSpace, computeGrowth, type Growth } from "./disk-grow";
import { checkInstanceStateLive } from "./instance-state";
import { diskSize } from "./params-check";
import type { Change } from "./set-params-nics";
import type { Mod } from "./set-params-params";

export type DiskStep =
  | { op: "add"; index: number; request: DiskRequest }
  | { op: "modify"; uuid: string; index: number; mode?: Disk["mode"]; name?: string | null; growth?: Growth }
  | { op: "remove"; uuid: string; index: number };

export type DiskPlan = { steps: DiskStep[]; changes: Change[]; sizes: number[] };

type Entry = { uuid: string | null; name: string | null; size: number; disk: Disk | null };

const MAX_DISKS = 16;
const ADD_KEYS = new Set(["size", "mode", "name", "spindles", "vg", "metavg"]);
const MODIFY_KEYS = new Set(["size", "mode", "name"]);

export async function planDisks(ctx: OpContext, instance: Instance, mods: Mod[]): Promise<DiskPlan> {
  const current = ctx.config.instanceDisks(instance);
  const plan: DiskPlan = { steps: [], changes: [], sizes: current.map((d) => d.size) };
  if (!mods.length) return plan;
  if (instance.disk_template === "diskless") throw new OpPrereqError("Disk operations not supported for diskless instances", "wrong_input");
  if (mods.some((m) => m.op === "remove")) await checkInstanceStateLive(ctx, instance, ["down", "offline"], "cannot remove disks");
  for (const node of ctx.config.instanceNodes(instance)) checkNodeOnline(ctx.config.node(node)!, `changing the disks of ${instance.name}`);

  const entries: Entry[] = current.map((disk) => ({ uuid: disk.uuid, name: disk.name, size: disk.size, disk }));
  const space = new Map<string, number>();
  const need = (node: string, amount: number) => space.set(node, (space.get(node) ?? 0) + amount);
  for (const mod of mods) {
    if (mod.op === "add") {
      const index = addPosition("disk", mod.id, entries.length);
      const request = addRequest(mod.params, index);
      entries.splice(index, 0, { uuid: null, name: request.name, size: request.size, disk: null });
      for (const node of ctx.config.instanceNodes(instance)) need(node, diskUsagePerNode(instance.disk_template, [request.size]));
      plan.steps.push({ op: "add", index, request });
      plan.changes.push([`disk/${index}`, `add:size=${request.size},mode=${request.mode}`]);
      continue;
    }
    const index = findPosition("disk", mod.id, entries);
    const entry = entries[index]!;
    if (!entry.disk) throw new OpPrereqError(`Disk ${index} is added by this same request; give its settings in the add`, "wrong_input");
    if (mod.op === "remove") {
      entries.splice(index, 1);
      plan.steps.push({ op: "remove", uuid: entry.disk.uuid, index });
      plan.changes.push([`disk/${index}`, "remove"]);
      continue;
    }
    const step: Extract<DiskStep, { op: "modify" }> = { op: "modify", uuid: entry.disk.uuid, index };
    for (const key of Object.keys(mod.params)) {
      if (!MODIFY_KEYS.has(key)) throw new OpPrereqError(`Unknown disk parameter '${key}' for modify (known: mode, name, size)`, "wrong_input");
    }
    if (mod.params.mode !== undefined) {
      step.mode = accessMode(mod.params.mode);
      plan.changes.push([`disk.mode/${index}`, step.mode]);
    }
    if (mod.params.name !== undefined) {
      step.name = nameValue(mod.params.name);
      entry.name = step.name;
      plan.changes.push([`disk.name/${index}`, step.name]);
    }
    if (mod.params.size !== undefined) {
      // Gantry's convenience: size on modify means "grow to", done as grow-disk does it.
      step.growth = computeGrowth({ ...entry.disk, size: entry.size }, index, diskSize(mod.params.size, index), true);
      entry.size = step.growth.target;
      for (const node of entry.disk.nodes) need(node, step.growth.delta);
      plan.changes.push([`disk.size/${index}`, step.growth.target]);
    }
    plan.steps.push(step);
  }
  if (entries.length > MAX_DISKS) throw new OpPrereqError(`Instance has too many disks (${MAX_DISKS}), cannot add more`, "wrong_state");
  if (!entries.length) throw new OpPrereqError(`Cannot remove the last disk of instance ${instance.name}; remove the instance instead`, "wrong_input");
  validateDeviceNames("disk", entries);
  await checkNodesFreeSpace(ctx, instance, space);
  plan.sizes = entries.map((e) => e.size);
  return plan;
}

function addRequest(params: Record<string, unknown>, index: number): DiskRequest {
  for (const key of Object.keys(params)) {
    if (key === "adopt" || key === "provider") throw new OpPrereqError(`Disk parameter '${key}' is not supported`, "wrong_input");
    if (!ADD_KEYS.has(key)) throw new OpPrereqError(`Unknown disk parameter '${key}' (known: size, mode, name, spindles)`, "wrong_input");
  }
  if (params.size === undefined || params.size === null) throw new OpPrereqError("Required disk parameter 'size' missing", "wrong_input");
  const spindles = params.spindles === undefined || params.spindles === null ? null : Number(params.spindles);
  if (spindles !== null && (!Number.isInteger(spindles) || spindles < 0)) throw new OpPrereqError(`Invalid disk spindles '${String(params.spindles)}'`, "wrong_input");
  return { size: diskSize(params.size, index), mode: params.mode === undefined ? "rw" : accessMode(params.mode), name: nameValue(params.name), spindles };
}

function accessMode(value: unknown): Disk["mode"] {
  if (value !== "rw" && value !== "ro") throw new OpPrereqError(`Invalid disk access mode '${String(value)}'`, "wrong_input");
  return value;
}
