// Which instances hbal may move and which move types it tries for each (Ganeti's tryBalance filters and
// possibleMoves), and the node facts those depend on.
import type { Instance } from "../instance";
import { allNodes } from "../instance";
import type { Node } from "../node";
import { checkMigration } from "../node-placement";
import { mirrorType } from "../types";
import type { MoveKind } from "./moves";
import type { AlgorithmOptions, Table } from "./table";

/** The move types tried for every target node (possibleMoves). */
export function moveKinds(inst: Instance, useSecondary: boolean, primaryDrained: boolean, opts: AlgorithmOptions): MoveKind[] {
  const mir = mirrorType(inst.diskTemplate);
  if (mir === "none") return [];
  if (mir === "external") return opts.instanceMoves ? ["FailoverToAny"] : [];
  if (!opts.diskMoves) return [];
  if (!opts.instanceMoves) return ["ReplaceSecondary"];
  if (opts.restrictedMigration && !primaryDrained) return ["ReplaceSecondary"];
  if (useSecondary && !opts.restrictedMigration) return ["ReplaceSecondary", "ReplaceAndFailover", "ReplacePrimary", "FailoverAndReplace"];
  if (useSecondary) return ["ReplaceSecondary", "ReplaceAndFailover", "FailoverAndReplace"];
  return ["ReplaceSecondary", "ReplaceAndFailover"];
}

/** The instances hbal may move this step, in index order (tryBalance). */
export function movableInstances(table: Table, opts: AlgorithmOptions): Instance[] {
  const offline = new Set(table.groupNodes.filter((idx) => table.nodes[idx]!.offline));
  const out: Instance[] = [];
  for (const idx of table.groupInstances) {
    const inst = table.instances[idx]!;
    if (opts.evacMode && !allNodes(inst).some((n) => offline.has(n))) continue;
    if (inst.movable && inst.autoBalance) out.push(inst);
  }
  return out;
}

/** Number of location tags two nodes share (the location score of an instance placed on them). */
export function sharedLocations(a: Node, b: Node): number {
  if (a.locationTags.size === 0 || b.locationTags.size === 0) return 0;
  let shared = 0;
  for (const t of a.locationTags) if (b.locationTags.has(t)) shared++;
  return shared;
}

export const peerOf = (n: Node, pdx: number): number => n.peers.get(pdx) ?? 0;

/** Migration tags allow moving from `src` to `dst` (checkMigration, without building a result). */
export const canMigrate = (src: Node, dst: Node): boolean => src.migTags.size === 0 || checkMigration(src, dst).ok;
