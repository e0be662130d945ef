// OP_INSTANCE_RENAME (gnt-instance rename): a stopped instance gets a new name. File-based disks carry the name in
// their path, so they move first, each one on its node and then in the configuration (committed one by one); then
// the instance is renamed in the configuration; last the OS rename script runs on the primary. A crash leaves at
// worst one disk whose path the configuration does not know yet, never an instance pointing at missing files.
import dns from "node:dns/promises";
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { OpExecError, OpPrereqError } from "../../errors";
import { HOSTNAME_RE } from "../../objects/names";
import type { Disk, Instance } from "../../objects/types";
import { checkNodeOnline, diskSpecFor, instanceLock, instanceNameParam, instanceSpec, nodeLocks, nodeName, requireInstance } from "../common";
import { defineOpcode, opParams, type OpContext } from "../definition";
import { newInstanceLock } from "./create";
import { checkInstanceStateLive } from "./instance-state";

const params = opParams({
  instance_name: instanceNameParam,
  new_name: z.string().min(1, "a new name is required"),
  // Gantry's default is false, as for OP_INSTANCE_CREATE: names of demo and laptop clusters rarely resolve.
  name_check: z.boolean().default(false),
  ip_check: z.boolean().default(false),
});

type RenameParams = z.infer<typeof params>;
type FileMove = { disk: Disk; node: string; from: unknown[]; to: unknown[] };

export const instanceRename = defineOpcode<RenameParams, { instance: Instance; newName: string; moves: FileMove[] }>({
  id: "OP_INSTANCE_RENAME",
  params,
  summaryField: "instance_name",
  locks(ctx, p) {
    const instance = requireInstance(ctx.config, p.instance_name);
    return [instanceLock(instance.uuid), newInstanceLock(p.new_name), ...nodeLocks(ctx.config.instanceNodes(instance), "shared")];
  },
  async prereq(ctx, p) {
    if (p.ip_check && !p.name_check) throw new OpPrereqError("IP address check requires a name check", "wrong_input");
    const instance = requireInstance(ctx.config, p.instance_name);
    checkNodeOnline(ctx.config.node(instance.primary_node)!, `renaming ${instance.name}`);
    await checkInstanceStateLive(ctx, instance, ["down", "offline"], "cannot rename");
    const newName = p.new_name.toLowerCase();
    if (!HOSTNAME_RE.test(newName)) throw new OpPrereqError(`Invalid instance name '${p.new_name}': use a host name such as web1.example.org`, "wrong_input");
    if (p.name_check) await checkNameAndIp(newName, p.ip_check);
    if (newName !== instance.name && ctx.config.hasExactName("instance", newName)) {
      throw new OpPrereqError(`Instance '${newName}' is already in the cluster`, "already_exists");
    }
    return { instance, newName, moves: fileMoves(ctx, instance, newName) };
  },
  async exec(ctx, _p, { instance, newName, moves }) {
    const oldName = instance.name;
    await moveFiles(ctx, instance, moves);
    ctx.config.updateInstance(instance.uuid, (i) => {
      i.name = newName;
    });
    await ctx.config.commit();
    try {
      await ctx.rpc.node(instance.primary_node).instanceRunRename(instanceSpec(ctx.config, instance), oldName);
    } catch (error) {
      ctx.log(
        `- WARNING: Could not run OS rename script for instance ${newName} on node ${nodeName(ctx.config, instance.primary_node)} ` +
          `(but the instance has been renamed in Ganeti): ${(error as Error).message}`,
      );
    }
    return newName;
  },
});

/** File and sharedfile disks live under <storage dir>/<instance name>/: their new logical ids. */
function fileMoves(ctx: OpContext, instance: Instance, newName: string): FileMove[] {
  const moves: FileMove[] = [];
  for (const disk of ctx.config.instanceDisks(instance)) {
    if (disk.dev_type !== "file" && disk.dev_type !== "sharedfile") continue;
    const [driver, file] = disk.logical_id as [string, string];
    const dir = path.posix.dirname(file);
    if (path.posix.basename(dir) !== instance.name || newName === instance.name) continue;
    const to = [driver, path.posix.join(path.posix.dirname(dir), newName, path.posix.basename(file))];
    moves.push({ disk, node: instance.primary_node, from: disk.logical_id, to });
  }
  return moves;
}

/** Moves each file on its node, then records it; on a failure, moves back what was moved and stops. */
async function moveFiles(ctx: OpContext, instance: Instance, moves: FileMove[]): Promise<void> {
  const done: FileMove[] = [];
  for (const move of moves) {
    try {
      await ctx.rpc.node(move.node).blockdevRename(diskSpecFor(ctx.config, move.disk, move.node, instance.primary_node), move.to);
    } catch (error) {
      await undoMoves(ctx, instance, done);
      throw new OpExecError(
        `Could not rename ${move.disk.iv_name} of ${instance.name} on node ${nodeName(ctx.config, move.node)} to ${String(move.to[1])}: ${(error as Error).message}; the instance keeps its old name`,
      );
    }
    ctx.config.updateDisk(move.disk.uuid, (d) => {
      d.logical_id = move.to;
    });
    await ctx.config.commit();
    done.push(move);
  }
}

async function undoMoves(ctx: OpContext, instance: Instance, done: FileMove[]): Promise<void> {
  for (const move of done.reverse()) {
    try {
      await ctx.rpc.node(move.node).blockdevRename(diskSpecFor(ctx.config, move.disk, move.node, instance.primary_node), move.from);
      ctx.config.updateDisk(move.disk.uuid, (d) => {
        d.logical_id = move.from;
      });
      await ctx.config.commit();
    } catch (error) {
      ctx.log(`- WARNING: could not move ${move.disk.iv_name} back to ${String(move.from[1])}: ${(error as Error).message}; it stays at ${String(move.to[1])}`);
    }
  }
}

async function checkNameAndIp(name: string, ipCheck: boolean): Promise<void> {
  let address: string;
  try {
    address = (await dns.lookup(name)).address;
  } catch {
    throw new OpPrereqError(`Host name ${name} does not resolve; add it to DNS or rename with --no-name-check`, "resolver_error");
  }
  if (ipCheck && (await answers(address, 1811))) {
    throw new OpPrereqError(`IP ${address} of instance ${name} already in use`, "resource_not_unique");
  }
}

/** Ganeti's TcpPing: does something answer at this address (on the node daemon's port)? */
function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED"));
  });
}
