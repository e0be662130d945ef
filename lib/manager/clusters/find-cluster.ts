import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { Cluster } from "@/lib/generated/prisma/client";

/** A cluster by id or short name, or not_found saying so. */
export async function findCluster(db: Pick<Db, "cluster">, idOrSlug: string): Promise<Cluster> {
  const cluster = (await db.cluster.findUnique({ where: { id: idOrSlug } })) ?? (await db.cluster.findUnique({ where: { slug: idOrSlug.toLowerCase() } }));
  if (!cluster) throw new AppError("not_found", `No cluster '${idOrSlug}'.`);
  return cluster;
}
