// Cluster verify, storage and memory part: volumes no instance owns (left behind by a failed removal, a warning),
// N+1 memory redundancy (each node can take over, should one primary fail, the auto-balanced instances it is
// secondary for), and Ganeti's closing notes.
import type { ConfigStore } from "../../../config/config-store";
import { fillBeparams } from "../../../objects/fill";
import type { Instance, Node } from "../../../objects/types";
import { TEMPLATES } from "../../../storage/disk-templates";
import { expectedVolumes, volumeName, type Images } from "./gather";
import { CV, type VerifyReporter } from "./reporter";
import type { NodeCounts } from "./check-nodes";

export function checkOrphanVolumes(config: ConfigStore, nodes: Node[], images: Images, r: VerifyReporter): void {
  const expected = new Map<string, Set<string>>();
  for (const instance of config.instances()) {
    for (const [node, keys] of expectedVolumes(config, instance)) expected.set(node, new Set([...(expected.get(node) ?? []), ...keys]));
  }
  const reserved = config.cluster.reserved_lvs.map((pattern) => new RegExp(`^(?:${pattern})$`));
  for (const node of nodes) {
    const image = images.get(node.uuid);
    if (!image || node.offline || image.rpcFail) continue;
    for (const key of [...image.volumes].sort()) {
      const name = volumeName(key);
      const known = expected.get(node.uuid)?.has(key) || (key.startsWith("lv:") && reserved.some((re) => re.test(name)));
      r.errorIf(!known, CV.ENODEORPHANLV, node.name, `volume ${name} is unknown`, "WARNING");
    }
  }
}

/** Ganeti's _VerifyNPlusOneMemory: minimum memory of the auto_balance instances, per primary node that could fail. */
export function checkNPlusOne(config: ConfigStore, nodes: Node[], images: Images, r: VerifyReporter): void {
  for (const node of nodes) {
    const image = images.get(node.uuid);
    if (node.offline || !image?.info) continue;
    const byPrimary = new Map<string, Instance[]>();
    for (const instance of config.secondaryInstancesOf(node.uuid)) byPrimary.set(instance.primary_node, [...(byPrimary.get(instance.primary_node) ?? []), instance]);
    for (const [primary, instances] of byPrimary) {
      const needed = instances.reduce((sum, i) => {
        const be = fillBeparams(config.cluster, i);
        return be.auto_balance ? sum + be.minmem : sum;
      }, 0);
      const free = image.info.memory_free;
      r.errorIf(
        free < needed,
        CV.ENODEN1,
        node.name,
        `not enough memory to accomodate instance failovers should node ${config.node(primary)?.name ?? primary} fail (${needed}MiB needed, ${free}MiB available)`,
      );
    }
  }
}

export function otherNotes(config: ConfigStore, instances: Instance[], counts: NodeCounts, r: VerifyReporter): void {
  r.section("Other Notes");
  const nonRedundant = instances.filter((i) => TEMPLATES[i.disk_template].mirror === "none").length;
  const nonBalanced = instances.filter((i) => !fillBeparams(config.cluster, i).auto_balance).length;
  const offline = instances.filter((i) => i.admin_state === "offline").length;
  if (nonRedundant) r.notice(`${nonRedundant} non-redundant instance(s) found.`);
  if (nonBalanced) r.notice(`${nonBalanced} non-auto-balanced instance(s) found.`);
  if (offline) r.notice(`${offline} offline instance(s) found.`);
  if (counts.offline) r.notice(`${counts.offline} offline node(s) found.`);
  if (counts.drained) r.notice(`${counts.drained} drained node(s) found.`);
}
