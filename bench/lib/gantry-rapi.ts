// A bench cluster (gantry-cluster.ts) whose masterd serves RAPI over HTTPS on a free loopback port, with a write user.
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/ganeti/testing/free-port";
import { startCluster, type BenchCluster } from "./gantry-cluster";

export type RapiAccess = { url: string; user: string; password: string; ca: string; fingerprint: string };

export async function startClusterWithRapi(nodes: number, cpuProfDir?: string): Promise<{ cluster: BenchCluster; rapi: RapiAccess }> {
  const port = await freePort();
  // masterd reads its RAPI settings from the environment it inherits (lib/ganeti/master/settings.ts).
  Object.assign(process.env, { GANTRY_RAPI_PORT: String(port), GANTRY_RAPI_BIND: "127.0.0.1", GANTRY_RAPI_TLS: "1" });
  const cluster = await startCluster({ nodes, cpuProfDir });
  const rapiDir = path.join(cluster.stateDir, "rapi");
  fs.writeFileSync(path.join(rapiDir, "users"), "admin s3cret write\n", { mode: 0o600 });
  const pem = path.join(rapiDir, "rapi.pem");
  const deadline = Date.now() + 30_000;
  while (!fs.existsSync(pem)) {
    if (Date.now() > deadline) throw new Error(`masterd made no ${pem}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ca = fs.readFileSync(pem, "utf8");
  const { X509Certificate } = await import("node:crypto");
  return { cluster, rapi: { url: `https://127.0.0.1:${port}`, user: "admin", password: "s3cret", ca, fingerprint: new X509Certificate(ca).fingerprint256 } };
}
