// Where the cluster state lives and how masterd behaves, from the environment (validated; bad values are one-line
// errors). GANTRY_STATE_DIR defaults to $GANTRY_DATA_DIR/cluster, GANTRY_DATA_DIR to ./data of the checkout.
import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { ConfigurationError } from "../errors";
import type { VirtualClusterOptions } from "../node/virtual-host";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

const schema = z.object({
  GANTRY_DATA_DIR: z.string().min(1).optional(),
  GANTRY_STATE_DIR: z.string().min(1).optional(),
  GANTRY_WATCHER_INTERVAL: z.coerce.number().min(0).default(60),
  GANTRY_VIRTUAL_RESYNC_RATE: z.coerce.number().positive().default(100 * 1024),
  GANTRY_VIRTUAL_POWERCYCLE_SECONDS: z.coerce.number().min(0).default(2),
  GANTRY_RAPI_PORT: z.coerce.number().int().min(0).max(65535).default(5080),
  GANTRY_RAPI_BIND: z.string().min(1).default("127.0.0.1"),
  GANTRY_RAPI_TLS: flag(true),
  GANTRY_RAPI_REQUIRE_AUTH: flag(false),
  GANTRY_RAPI_LOGIN_FAILURES: z.coerce.number().int().min(1).default(10),
  GANTRY_RAPI_LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(300),
  GANTRY_VNC_BIND: z
    .string()
    .trim()
    .refine((v) => net.isIP(v) !== 0, { message: "give an IP address, such as 127.0.0.1 or 0.0.0.0" })
    .default("127.0.0.1"),
});

/** A yes/no setting: 1/0, true/false, yes/no, on/off. */
function flag(fallback: boolean) {
  return z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { message: "use 1 or 0" }))
    .transform((v) => ["1", "true", "yes", "on"].includes(v))
    .default(fallback);
}

/** The RAPI v2 listener masterd runs (lib/ganeti/rapi/server); port 0 means no listener. */
export type RapiSettings = {
  port: number;
  bind: string;
  tls: boolean;
  /** Ganeti's --require-authentication: no anonymous reads. */
  requireAuth: boolean;
  /** Failed logins from one address after which it is refused for loginLockSeconds. */
  loginFailures: number;
  loginLockSeconds: number;
};

export type MasterdSettings = {
  stateDir: string;
  watcherIntervalMs: number;
  virtual: VirtualClusterOptions;
  rapi: RapiSettings;
};

export function defaultStateDir(env: Record<string, string | undefined>): string {
  if (env.GANTRY_STATE_DIR) return path.resolve(env.GANTRY_STATE_DIR);
  return path.join(path.resolve(REPO_ROOT, env.GANTRY_DATA_DIR ?? "data"), "cluster");
}

export function masterdSettings(env: Record<string, string | undefined>, stateDirOverride?: string): MasterdSettings {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigurationError(`${String(issue.path[0])}: ${issue.message}`);
  }
  const v = parsed.data;
  return {
    stateDir: stateDirOverride ? path.resolve(stateDirOverride) : defaultStateDir(env),
    watcherIntervalMs: v.GANTRY_WATCHER_INTERVAL * 1000,
    virtual: { resyncRate: v.GANTRY_VIRTUAL_RESYNC_RATE, powercycleMs: v.GANTRY_VIRTUAL_POWERCYCLE_SECONDS * 1000, vncBind: v.GANTRY_VNC_BIND },
    rapi: {
      port: v.GANTRY_RAPI_PORT,
      bind: v.GANTRY_RAPI_BIND,
      tls: v.GANTRY_RAPI_TLS,
      requireAuth: v.GANTRY_RAPI_REQUIRE_AUTH,
      loginFailures: v.GANTRY_RAPI_LOGIN_FAILURES,
      loginLockSeconds: v.GANTRY_RAPI_LOGIN_LOCK_SECONDS,
    },
  };
}

export const repoRoot = () => REPO_ROOT;

/** masterd needs none of the web app's secrets (session secret, sealing key, passwords) when the web app starts it. */
function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/SECRET|PASSWORD/.test(name))) as NodeJS.ProcessEnv;
}

/**
 * How masterd is started (by the CLI, npm start, the bench): node with tsx, from the checkout. Its file work runs in
 * libuv's thread pool, which has 4 threads by default; fsyncs hold a thread each, so with 4 every job waits behind
 * the others' syncs. 64 threads halve single-job latency (measured) and cost little: they mostly wait on the disk.
 */
export function masterdCommand(stateDir: string, nodeArgs: string[] = [], baseEnv: NodeJS.ProcessEnv = process.env): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: process.execPath,
    // --expose-gc: masterd collects garbage when a burst of jobs is over (see workers/masterd.ts).
    args: ["--expose-gc", ...nodeArgs, "--import", "tsx", path.join(REPO_ROOT, "workers/masterd.ts"), "--state-dir", stateDir],
    env: { ...withoutSecrets(baseEnv), NODE_NO_WARNINGS: "1", UV_THREADPOOL_SIZE: baseEnv.UV_THREADPOOL_SIZE ?? "64" },
  };
}
