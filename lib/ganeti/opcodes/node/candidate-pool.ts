// The master-candidate pool (Ganeti's GetMasterCandidateStats, MaintainCandidatePool and AdjustCandidatePool):
// candidates hold a copy of the configuration so the master role can move to them; the cluster keeps
// candidate_pool_size of them while enough master-capable, online, undrained nodes exist.
import type { ConfigStore } from "../../config/config-store";
import type { Node } from "../../objects/types";
import type { OpContext } from "../definition";

export type CandidateStats = {
  /** Nodes marked master candidate now. */
  now: number;
  /** How many there should be: the pool size, or fewer when not enough nodes can be candidates. */
  should: number;
  /** Nodes that could be candidates. */
  max: number;
};

export function candidateStats(config: ConfigStore, exceptions: string[] = []): CandidateStats {
  let now = 0;
  let max = 0;
  for (const node of config.nodes()) {
    if (exceptions.includes(node.uuid)) continue;
    if (!(node.offline || node.drained) && node.master_capable) max++;
    if (node.master_candidate) now++;
  }
  return { now, should: Math.min(max, config.cluster.candidate_pool_size), max };
}

/** Whether a node becoming eligible (added, de-offlined, undrained) should promote itself (_DecideSelfPromotion). */
export function shouldSelfPromote(config: ConfigStore, exceptions: string[] = []): boolean {
  const { now, should } = candidateStats(config, exceptions);
  // The node itself adds one to the nodes that could be candidates.
  return now < Math.min(should + 1, config.cluster.candidate_pool_size);
}

/** Nodes that could be promoted, in a stable order (Ganeti picks at random; a fixed order keeps runs repeatable). */
function promotable(config: ConfigStore, exceptions: string[]): Node[] {
  return config
    .nodes()
    .filter((n) => !n.master_candidate && !n.offline && !n.drained && n.master_capable && !exceptions.includes(n.uuid))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Promotes nodes until the pool is full (ignoring `exceptions`, e.g. a node being removed or demoted) and logs it
 * as Ganeti does. Returns the promoted nodes' UUIDs; the caller copies the configuration to them after committing.
 */
export function adjustCandidatePool(ctx: Pick<OpContext, "config" | "log">, exceptions: string[] = []): string[] {
  const { config } = ctx;
  let { now } = candidateStats(config, exceptions);
  const { should } = candidateStats(config, exceptions);
  const promoted: Node[] = [];
  for (const node of promotable(config, exceptions)) {
    if (now >= should) break;
    config.updateNode(node.uuid, (n) => (n.master_candidate = true));
    promoted.push(node);
    now++;
  }
  if (promoted.length) ctx.log(`- INFO: Promoted nodes to master candidate role: ${promoted.map((n) => n.name).join(", ")}`);
  const after = candidateStats(config, exceptions);
  if (after.now > after.should) ctx.log(`- INFO: Note: more nodes are candidates (${after.now}) than desired (${after.should})`);
  return promoted.map((n) => n.uuid);
}

/**
 * Demotes candidates beyond candidate_pool_size (gnt-cluster modify -C N with a smaller N). Ganeti only notes the
 * surplus; Gantry trims it so the pool matches what was asked. The master always stays a candidate.
 */
export function trimCandidatePool(ctx: Pick<OpContext, "config" | "log">): string[] {
  const { config } = ctx;
  const master = config.cluster.master_node;
  const candidates = config.nodes().filter((n) => n.master_candidate);
  let surplus = candidates.length - Math.max(config.cluster.candidate_pool_size, 1);
  const demoted: Node[] = [];
  // Offline or drained candidates go first (they should not be candidates anyway), then by name from the end.
  const order = candidates
    .filter((n) => n.uuid !== master)
    .sort((a, b) => Number(b.offline || b.drained) - Number(a.offline || a.drained) || b.name.localeCompare(a.name));
  for (const node of order) {
    if (surplus <= 0) break;
    config.updateNode(node.uuid, (n) => (n.master_candidate = false));
    demoted.push(node);
    surplus--;
  }
  if (demoted.length) ctx.log(`- INFO: Demoted nodes from master candidate role: ${demoted.map((n) => n.name).join(", ")}`);
  return demoted.map((n) => n.uuid);
}
