// DRBD mode changes around a live migration (Ganeti's TLMigrateInstance helpers): demote one end to secondary,
// go standalone, reconnect in dual- or single-master mode, and wait until both ends are in sync. Each step logs
// Ganeti's line and fails with Ganeti's message, naming the node.
import { OpExecError } from "../../errors";
import type { Instance } from "../../objects/types";
import { diskSpecFor, nodeName } from "../common";
import type { OpContext } from "../definition";
import { errorMessage } from "./disk-health";

export type DrbdPair = { ctx: OpContext; instance: Instance; nodes: [string, string] };

/** The instance's DRBD disks as `node` sees them (roles follow the configured primary at the time of the call). */
function specs({ ctx, instance }: DrbdPair, node: string) {
  return ctx.config
    .instanceDisks(instance)
    .filter((d) => d.dev_type === "drbd")
    .map((d) => diskSpecFor(ctx.config, d, node, instance.primary_node));
}

export async function ensureSecondary(pair: DrbdPair, node: string): Promise<void> {
  const { ctx } = pair;
  ctx.log(`* switching node ${nodeName(ctx.config, node)} to secondary mode`);
  try {
    await ctx.rpc.node(node).drbdAttachNet(specs(pair, node), false);
  } catch (error) {
    throw new OpExecError(`Cannot change disk to secondary on node ${nodeName(ctx.config, node)}: ${errorMessage(error)}`);
  }
}

export async function goStandalone(pair: DrbdPair): Promise<void> {
  const { ctx } = pair;
  ctx.log("* changing into standalone mode");
  for (const node of pair.nodes) {
    try {
      await ctx.rpc.node(node).drbdDisconnectNet(specs(pair, node));
    } catch (error) {
      throw new OpExecError(`Cannot disconnect disks node ${nodeName(ctx.config, node)}: ${errorMessage(error)}`);
    }
  }
}

/** Reconnects both ends: dual-master makes both primary; single-master leaves only the configured primary primary. */
export async function goReconnect(pair: DrbdPair, multimaster: boolean): Promise<void> {
  const { ctx, instance } = pair;
  ctx.log(`* changing disks into ${multimaster ? "dual-master" : "single-master"} mode`);
  for (const node of pair.nodes) {
    try {
      await ctx.rpc.node(node).drbdAttachNet(specs(pair, node), multimaster || node === instance.primary_node);
    } catch (error) {
      throw new OpExecError(`Cannot change disks config on node ${nodeName(ctx.config, node)}: ${errorMessage(error)}`);
    }
  }
}

/** Polls both ends until every DRBD disk is connected and in sync; a standalone end is an error. */
export async function waitUntilSync(pair: DrbdPair, options: { timeoutMs?: number } = {}): Promise<void> {
  const { ctx } = pair;
  ctx.log("* wait until resync is done");
  const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
  let lastLogged = 0;
  for (;;) {
    let done = true;
    let minPercent = 100;
    for (const node of pair.nodes) {
      const list = specs(pair, node);
      let statuses;
      try {
        statuses = await ctx.rpc.node(node).blockdevMirrorStatus(list);
      } catch (error) {
        throw new OpExecError(`Cannot resync disks on node ${nodeName(ctx.config, node)}: ${errorMessage(error)}`);
      }
      for (const status of statuses) {
        if (status.is_degraded && status.sync_percent === null) {
          throw new OpExecError(`Cannot resync disks on node ${nodeName(ctx.config, node)}: DRBD device ${status.dev_path} is not connected to its peer`);
        }
        if (status.is_degraded) done = false;
        if (status.sync_percent !== null) minPercent = Math.min(minPercent, status.sync_percent);
      }
    }
    if (done) return;
    if (Date.now() > deadline) throw new OpExecError("DRBD resync did not finish in time");
    if (minPercent < 100 && Date.now() - lastLogged >= 1000) {
      ctx.log(`   - progress: ${minPercent.toFixed(1)}%`);
      lastLogged = Date.now();
    }
    await ctx.sleep(100);
  }
}
