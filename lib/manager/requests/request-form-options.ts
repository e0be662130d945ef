// What the request form offers any signed-in user: the owners they may ask for (themselves and their groups), the
// clusters they may prefer, and — once one is preferred — its operating systems and networks by name, so that they
// pick rather than guess. A cluster that does not answer leaves OS and network as free text, saying why.
import { z } from "zod";
import { isAppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/manager/actor";
import { loadAccess } from "@/lib/manager/access/access";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { findCluster } from "@/lib/manager/clusters/find-cluster";
import { clusterOffer } from "@/lib/manager/instances/cluster-offer";
import type { JobDeps } from "@/lib/manager/jobs/submit-job";
import { personaLabels } from "@/lib/manager/personas/resolve-persona";

const optionsInput = z.object({ cluster: z.string().trim().max(100).optional() }).strict();

export type RequestFormOptions = {
  personas: Array<{ persona: string; label: string }>;
  clusters: Array<{ slug: string; description: string }>;
  /** The preferred cluster's choices, when one is asked for and it answered. */
  offer: { cluster: string; operatingSystems: string[]; networks: string[] } | null;
  offerError: string;
};

export async function requestFormOptions(deps: JobDeps, { actor, input }: { actor: Actor; input: unknown }): Promise<RequestFormOptions> {
  const { db } = deps;
  const { cluster: preferred } = parseInput(optionsInput, input);
  const access = await loadAccess(db, actor);
  const labels = await personaLabels(db, access.personas);
  const clusters = await db.cluster.findMany({ orderBy: { slug: "asc" }, select: { slug: true, description: true } });
  let offer: RequestFormOptions["offer"] = null;
  let offerError = "";
  if (preferred) {
    const cluster = await findCluster(db, preferred);
    try {
      const { operatingSystems, networks } = await clusterOffer(deps, cluster);
      offer = { cluster: cluster.slug, operatingSystems, networks: networks.map((n) => n.name) };
    } catch (error) {
      if (!isAppError(error)) throw error;
      offerError = `${error.message} Type the OS and network instead.`;
    }
  }
  return { personas: access.personas.map((persona) => ({ persona, label: labels.get(persona) ?? persona })), clusters, offer, offerError };
}
