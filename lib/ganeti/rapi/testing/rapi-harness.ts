// Test support: an embedded cluster (cluster-harness: a real master in this process, virtual nodes) behind a real
// RAPI server on 127.0.0.1 with an ephemeral port, a users file and an access log in the cluster's state directory.
import fs from "node:fs";
import path from "node:path";
import { createHarness, type Harness } from "../../testing/cluster-harness";
import type { MasterOptions } from "../../master/master";
import type { InitOptions } from "../../master/bootstrap";
import { startRapi, type StartedRapi } from "../server/start";
import { rapiCall, type RapiAnswer, type RapiCall } from "./http";

export const USERS = { admin: "s3cret", reader: "r34d", viewer: "v13w" };
export const USERS_FILE = "admin s3cret write\nreader r34d read\nviewer v13w\n";

export type RapiHarness = {
  cluster: Harness;
  rapi: StartedRapi;
  ca?: string;
  call(call: RapiCall): Promise<RapiAnswer>;
  /** As admin (write). */
  write(call: RapiCall): Promise<RapiAnswer>;
  /** Waits for a job through GET /2/jobs/[id] and returns the job. */
  job(id: number): Promise<Record<string, any>>;
  accessLog(): string;
  close(): Promise<void>;
};

export type RapiHarnessOptions = {
  master?: Partial<MasterOptions> & { domain?: string; init?: Partial<Omit<InitOptions, "stateDir">> };
  tls?: boolean;
  requireAuth?: boolean;
  loginFailures?: number;
  users?: string;
  waitTimeoutSeconds?: number;
  maxBodyBytes?: number;
};

export async function createRapiHarness(options: RapiHarnessOptions = {}): Promise<RapiHarness> {
  const cluster = await createHarness(options.master);
  fs.mkdirSync(path.join(cluster.stateDir, "rapi"), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(cluster.stateDir, "rapi", "users"), options.users ?? USERS_FILE, { mode: 0o600 });
  const rapi = await startRapi(
    cluster.master,
    { port: 0, bind: "127.0.0.1", tls: options.tls ?? false, requireAuth: options.requireAuth ?? false, loginFailures: options.loginFailures ?? 10, loginLockSeconds: 60 },
    cluster.stateDir,
    () => undefined,
    { waitTimeoutSeconds: options.waitTimeoutSeconds, maxBodyBytes: options.maxBodyBytes },
  );
  const ca = options.tls ? fs.readFileSync(path.join(rapi.dir, "rapi.pem"), "utf8") : undefined;
  const endpoint = { url: rapi.url, ca };
  const h: RapiHarness = {
    cluster,
    rapi,
    ca,
    call: (c) => rapiCall(endpoint, c),
    write: (c) => rapiCall(endpoint, { auth: { user: "admin", password: USERS.admin }, ...c }),
    async job(id) {
      await cluster.master.waitForJob(id);
      const answer = await h.call({ path: `/2/jobs/${id}` });
      return answer.body;
    },
    accessLog: () => fs.readFileSync(path.join(rapi.dir, "access.log"), "utf8"),
    async close() {
      await rapi.server.close();
      await cluster.close();
    },
  };
  return h;
}
