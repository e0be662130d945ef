// At start-up the installation registers its embedded cluster (one per installation) with the connection masterd
// just gave it. The first registration and any change of where it is (URL, certificate, name) are audited as the
// system's; the RAPI password changes on every start and is not, nor is the VNC password read again at each start.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";
import { passwordContext, type ClusterEndpoint } from "./cluster-connection";
import { auditClusterChange } from "./cluster-audit";
import { clusterView, type ClusterView } from "./cluster-view";
import { sealVncPassword } from "./vnc-password";

export type EmbeddedRegistration = { endpoint: ClusterEndpoint; name: string; rapiVersion: number; /** "" for none. */ vncPassword: string };

export async function registerEmbeddedCluster({ db, box }: { db: Db; box: SecretBox }, found: EmbeddedRegistration): Promise<ClusterView> {
  const { endpoint, name, rapiVersion, vncPassword } = found;
  const before = await db.cluster.findFirst({ where: { kind: "embedded" } });
  const id = before?.id ?? crypto.randomUUID();
  const connection = {
    name,
    rapiUrl: endpoint.url,
    rapiUser: endpoint.username,
    rapiPasswordBox: box.seal(endpoint.password, passwordContext(id)),
    vncPasswordBox: sealVncPassword(box, id, vncPassword),
    certFingerprint: endpoint.fingerprint,
    rapiVersion,
    lastTestedAt: new Date(),
  };
  return clusterView(
    await db.$transaction(async (tx) => {
      const after = before
        ? await tx.cluster.update({ where: { id }, data: connection })
        : await tx.cluster.create({ data: { id, slug: await freeSlug(tx, name), kind: "embedded", description: "This installation's embedded cluster (masterd)", ...connection } });
      const moved = !before || before.rapiUrl !== after.rapiUrl || before.certFingerprint !== after.certFingerprint || before.name !== after.name;
      if (moved) {
        const change = { before: before ?? undefined, after };
        await auditClusterChange(tx, null, before ? "cluster.update" : "cluster.add", change, "the installation's embedded cluster, registered at start-up");
      }
      return after;
    }),
  );
}

/** The cluster name's first label ("cluster" of cluster.demo.example), or with "-embedded" when an admin took it. */
async function freeSlug(tx: Pick<Db, "cluster">, name: string): Promise<string> {
  const base = (name.split(".")[0] ?? "").toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^-+/, "").slice(0, 30) || "embedded";
  for (const slug of [base, `${base}-embedded`, `embedded-${crypto.randomBytes(3).toString("hex")}`]) {
    if (!(await tx.cluster.findUnique({ where: { slug } }))) return slug;
  }
  throw new Error("no free short name for the embedded cluster");
}
