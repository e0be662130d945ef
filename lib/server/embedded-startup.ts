// server.ts's part of the embedded cluster: start it (or make the demo), register it in the database, say so in one
// line; a failure is reported and the web app serves without it (remote clusters still work).
import { createPrismaClient } from "@/lib/db/client";
import { registerEmbeddedCluster } from "@/lib/manager/clusters/register-embedded-cluster";
import { installationSecretBox } from "@/lib/manager/secrets/secret-box";
import type { ServerConfig } from "@/lib/server/config";
import { startEmbeddedCluster, type EmbeddedCluster } from "@/lib/server/embedded-cluster";

export async function bringUpEmbeddedCluster(config: ServerConfig, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<EmbeddedCluster | null> {
  let started: EmbeddedCluster | string;
  try {
    started = await startEmbeddedCluster(env, { demo: config.demoCluster });
  } catch (error) {
    log(`gantry: the embedded cluster is not available: ${(error as Error).message}`);
    return null;
  }
  if (typeof started === "string") {
    log(`gantry: no embedded cluster: ${started}.`);
    return null;
  }
  const db = createPrismaClient(config.databaseUrl);
  try {
    const view = await registerEmbeddedCluster({ db, box: installationSecretBox(env) }, started);
    const demo = started.created ? "; made a demo cluster: 3 virtual nodes (simulated machines, fake hypervisor) and 2 instances" : "";
    log(`gantry: embedded cluster ${started.name} ("${view.slug}", ${started.stateDir}) with RAPI at ${started.endpoint.url}${demo}.`);
    return started;
  } catch (error) {
    log(`gantry: the embedded cluster could not be registered: ${(error as Error).message}`);
    await started.stop();
    return null;
  } finally {
    await db.$disconnect();
  }
}
