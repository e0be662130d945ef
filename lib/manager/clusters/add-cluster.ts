// A superuser adds a remote cluster: its RAPI answers with these settings (connection test) before anything is saved;
// the passwords (RAPI, VNC) are sealed at rest; the row and its audit entry are written together. A cluster without a RAPI user is
// read-only (Ganeti lets anonymous clients read, never write), as in GWM.
import crypto from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/manager/actor";
import { requireSuperuser } from "@/lib/manager/auth/require-superuser";
import type { SecretBox } from "@/lib/manager/secrets/secret-box";
import { checkedFingerprint, passwordContext, probeCluster, type ClusterConnector } from "./cluster-connection";
import { clusterFields, parseInput } from "./cluster-input";
import { isUniqueViolation } from "@/lib/db/errors";
import { auditClusterChange } from "./cluster-audit";
import { clusterView, type ClusterView } from "./cluster-view";
import { sealVncPassword } from "./vnc-password";

export const addClusterInput = z
  .object({
    ...clusterFields,
    username: clusterFields.username.default(""),
    password: clusterFields.password.default(""),
    vncPassword: clusterFields.vncPassword.default(""),
    fingerprint: clusterFields.fingerprint.default(""),
    readOnly: clusterFields.readOnly.default(false),
    description: clusterFields.description.default(""),
  })
  .strict();

export type ClusterDeps = { db: Db; box: SecretBox; connect: ClusterConnector };

export async function addCluster({ db, box, connect }: ClusterDeps, { actor, input }: { actor: Actor; input: unknown }): Promise<ClusterView> {
  const named = typeof (input as { slug?: unknown })?.slug === "string" ? String((input as { slug: string }).slug) : "";
  await requireSuperuser(db, actor, { action: "cluster.add", object: { type: "cluster", id: "", name: named } });
  const fields = parseInput(addClusterInput, input);
  const fingerprint = checkedFingerprint(fields.fingerprint);
  if (fields.password && !fields.username) throw new AppError("wrong_input", "Password: give the RAPI user name it belongs to, or leave both empty.");
  if (await db.cluster.findUnique({ where: { slug: fields.slug } })) throw new AppError("conflict", `Short name: '${fields.slug}' is taken by another cluster; choose another.`);

  const probe = await probeCluster(connect, { url: fields.rapiUrl, username: fields.username, password: fields.password, fingerprint });
  const id = crypto.randomUUID();
  const cluster = await db
    .$transaction(async (tx) => {
    const created = await tx.cluster.create({
      data: {
        id,
        slug: fields.slug,
        name: probe.name,
        kind: "remote",
        rapiUrl: fields.rapiUrl,
        rapiUser: fields.username,
        rapiPasswordBox: fields.password ? box.seal(fields.password, passwordContext(id)) : "",
        vncPasswordBox: sealVncPassword(box, id, fields.vncPassword),
        certFingerprint: fingerprint,
        readOnly: fields.readOnly || !fields.username,
        description: fields.description,
        rapiVersion: probe.rapiVersion,
        lastTestedAt: new Date(),
      },
    });
    await auditClusterChange(tx, actor, "cluster.add", { after: created });
    return created;
  })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new AppError("conflict", `Short name: '${fields.slug}' is taken by another cluster; choose another.`) : error;
    });
  return clusterView(cluster);
}
