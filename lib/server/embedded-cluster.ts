// The installation's embedded cluster: hosted by masterd under GANTRY_STATE_DIR and reached by the web manager only
// through its RAPI, like any remote cluster. The first start makes a demo cluster (demo-cluster.ts) unless
// GANTRY_DEMO_CLUSTER=0. Every start gives the web manager a fresh RAPI password (the users file's `gantry-web` entry,
// kept there as {HA1}); the RAPI certificate is pinned by fingerprint, and the cluster's VNC password is read again
// for the console proxy. server.ts stops the masterd it started.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { connectMaster } from "@/lib/ganeti/cli/connect";
import { RapiClient } from "@/lib/ganeti/rapi/client";
import { setUsersFileEntry } from "@/lib/ganeti/rapi/server/users";
import { readVncClusterPassword } from "@/lib/ganeti/hypervisors/vnc-cluster-password";
import { masterdSettings } from "@/lib/ganeti/master/settings";
import { masterRunning } from "@/lib/ganeti/master/single-instance";
import type { ClusterEndpoint } from "@/lib/manager/clusters/cluster-connection";
import { initDemoCluster, populateDemoCluster } from "@/lib/server/demo-cluster";

export const WEB_RAPI_USER = "gantry-web";

export type EmbeddedCluster = {
  stateDir: string;
  endpoint: ClusterEndpoint;
  name: string;
  rapiVersion: number;
  /** The cluster's vnc-cluster-password, for the console proxy. */
  vncPassword: string;
  /** A demo cluster was made by this start. */
  created: boolean;
  stop(): Promise<void>;
};

/** The running embedded cluster, or why there is none to manage. */
export async function startEmbeddedCluster(env: NodeJS.ProcessEnv, options: { demo: boolean }): Promise<EmbeddedCluster | string> {
  const settings = masterdSettings(env);
  const { stateDir } = settings;
  if (!settings.rapi.port) return "GANTRY_RAPI_PORT=0 turns masterd's RAPI off, and the web manager reaches clusters only through RAPI";
  let created = false;
  if (!fs.existsSync(path.join(stateDir, "config.data"))) {
    if (!options.demo) return `no cluster in ${stateDir} and GANTRY_DEMO_CLUSTER=0`;
    initDemoCluster(stateDir);
    created = true;
  }
  const password = crypto.randomBytes(18).toString("base64url");
  const rapiDir = path.join(stateDir, "rapi");
  fs.mkdirSync(rapiDir, { recursive: true, mode: 0o700 });
  setUsersFileEntry(path.join(rapiDir, "users"), WEB_RAPI_USER, password, ["write"]);

  const wasRunning = await masterRunning(stateDir);
  const client = await connectMaster(stateDir, { env });
  try {
    if (created) await populateDemoCluster(client);
  } finally {
    client.close();
  }
  const stop = async () => {
    if (wasRunning) return; // an operator's masterd (started by gnt-*) keeps running
    const luxi = await connectMaster(stateDir, { autostart: false }).catch(() => null);
    if (!luxi) return;
    await luxi.call("StopMaster").catch(() => undefined);
    luxi.close();
    const deadline = Date.now() + 30_000;
    while ((await masterRunning(stateDir)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  try {
    const endpoint = await rapiEndpoint(stateDir, settings.rapi, password);
    const { name, rapiVersion } = await waitForRapi(endpoint);
    // masterd made the password file on start if it was missing.
    return { stateDir, endpoint, name, rapiVersion, vncPassword: readVncClusterPassword(stateDir), created, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function rapiEndpoint(stateDir: string, rapi: { port: number; bind: string; tls: boolean }, password: string): Promise<ClusterEndpoint> {
  // A wildcard bind is reached over loopback.
  const host = rapi.bind === "0.0.0.0" ? "127.0.0.1" : rapi.bind === "::" ? "[::1]" : rapi.bind.includes(":") ? `[${rapi.bind}]` : rapi.bind;
  const url = `${rapi.tls ? "https" : "http"}://${host}:${rapi.port}`;
  let fingerprint = "";
  if (rapi.tls) {
    const pem = path.join(stateDir, "rapi", "rapi.pem");
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(pem)) {
      if (Date.now() > deadline) throw new Error(`masterd made no RAPI certificate (${pem}); see ${path.join(stateDir, "masterd.log")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    fingerprint = new crypto.X509Certificate(fs.readFileSync(pem)).fingerprint256;
  }
  return { url, username: WEB_RAPI_USER, password, fingerprint };
}

/** masterd answers luxi before its RAPI listens: wait for RAPI to answer with the web manager's credentials. */
async function waitForRapi(endpoint: ClusterEndpoint): Promise<{ name: string; rapiVersion: number }> {
  const client = new RapiClient({
    url: endpoint.url,
    username: endpoint.username,
    password: endpoint.password,
    ...(endpoint.fingerprint ? { fingerprint: endpoint.fingerprint } : {}),
    timeoutMs: 5_000,
    retries: 0,
  });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      try {
        const rapiVersion = await client.getVersion();
        const info = await client.getInfo();
        return { name: String(info.name), rapiVersion };
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the embedded cluster's RAPI at ${endpoint.url} does not answer: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    client.close();
  }
}
