// Copies of the configuration on master candidates (Ganeti distributes config.data to them on every change):
// here on demand (gnt-cluster redist-conf, node add) and after commits, coalesced by the master.
import type { OpContext } from "../definition";

/** Uploads the current configuration to the given nodes (default: every online master candidate); returns failures. */
export async function distributeConfig(ctx: Pick<OpContext, "config" | "rpc" | "log">, nodes?: string[]): Promise<string[]> {
  await ctx.config.commit();
  const targets = nodes ?? ctx.config.masterCandidates().map((n) => n.uuid);
  const { content, serial } = ctx.config.committed();
  const results = await ctx.rpc.each(targets, (rpc) => rpc.uploadConfig(content, serial));
  const failed: string[] = [];
  for (const [uuid, result] of results) {
    if (!result.ok) {
      failed.push(ctx.config.node(uuid)!.name);
      ctx.log(`- WARNING: Copy of file ${ctx.config.file} to node ${ctx.config.node(uuid)!.name} failed: ${result.error.message}`);
    }
  }
  return failed;
}
