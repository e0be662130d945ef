// The state hbal balances (Ganeti's Cluster.Table) and the options that steer it (AlgorithmParams.AlgorithmOptions).
import type { Instance } from "../instance";
import type { Node } from "../node";
import type { Placement } from "./moves";

export type AlgorithmOptions = {
  /** Allow moves that copy disks (replace-disks); off with --no-disk-moves. */
  diskMoves: boolean;
  /** Allow moves that change the primary node; off with --no-instance-moves. */
  instanceMoves: boolean;
  /** --restricted-migration: no replace-primary moves, and in evacuation only migrations off drained nodes. */
  restrictedMigration: boolean;
  /** --ignore-soft-errors. */
  ignoreSoftErrors: boolean;
  /** --evac-mode: only move instances that have a node offline or drained. */
  evacMode: boolean;
  /** -g: the least gain a step must bring once the score is below minGainLimit. */
  minGain: number;
  /** --min-gain-limit. */
  minGainLimit: number;
};

export const defaultAlgorithmOptions: AlgorithmOptions = Object.freeze({
  diskMoves: true,
  instanceMoves: true,
  restrictedMigration: false,
  ignoreSoftErrors: false,
  evacMode: false,
  minGain: 1e-2,
  minGainLimit: 1e-1,
});

/**
 * One group's balancing state. `nodes` and `instances` are indexed by idx (entries outside the group are carried
 * along untouched); `groupNodes` and `groupInstances` list the group's node indices and the indices of the instances
 * whose primary is in the group, ascending. `placements` holds the moves so far, the latest first.
 */
export type Table = {
  nodes: readonly Node[];
  instances: readonly Instance[];
  groupNodes: readonly number[];
  groupInstances: readonly number[];
  score: number;
  placements: readonly Placement[];
};
