// masterd: the master daemon of one embedded cluster. Owns the state directory (one daemon per directory), executes
// jobs, runs the watcher, hosts the cluster's virtual nodes, and answers the gnt-* commands on a luxi socket.
//   node --import tsx workers/masterd.ts --state-dir DIR
// The CLI starts it in the background when needed; `gnt-cluster stop-master` or SIGTERM stops it cleanly.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LuxiServer } from "../lib/ganeti/luxi/server";
import { masterSocketPath } from "../lib/ganeti/luxi/protocol";
import { luxiHandlers } from "../lib/ganeti/master/luxi-handlers";
import { Master } from "../lib/ganeti/master/master";
import { acquireMasterLock, MasterAlreadyRunning } from "../lib/ganeti/master/single-instance";
import { masterdSettings } from "../lib/ganeti/master/settings";
import { startRapi, type StartedRapi } from "../lib/ganeti/rapi/server/start";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "state-dir": { type: "string" } }, strict: true });
  const settings = masterdSettings(process.env, values["state-dir"]);
  const stateDir = settings.stateDir;
  if (!fs.existsSync(path.join(stateDir, "config.data"))) {
    console.error(`masterd: no cluster in ${stateDir}; run gnt-cluster init first`);
    process.exit(1);
  }
  let lock;
  try {
    lock = await acquireMasterLock(stateDir);
  } catch (error) {
    if (error instanceof MasterAlreadyRunning) {
      console.error(`masterd: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const master = await Master.open({ stateDir, virtual: settings.virtual, watcherIntervalMs: settings.watcherIntervalMs });
  for (const line of master.recovery) log(`recovered ${line}`);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why}); waiting for ${master.queue.runningCount()} running job(s)`);
    await rapi?.server.close();
    await server.close();
    await master.stop();
    lock.close();
    fs.rmSync(path.join(stateDir, "masterd.pid"), { force: true });
    log("stopped");
    process.exit(0);
  };
  const server = new LuxiServer(luxiHandlers(master, () => void stop("stop-master")));
  const socketPath = masterSocketPath(stateDir);
  await server.listen(socketPath);
  // RAPI is an extra door to the cluster: when it cannot open (port taken, no certificate), the CLI still works.
  let rapi: StartedRapi | null = null;
  if (settings.rapi.port) {
    try {
      rapi = await startRapi(master, settings.rapi, stateDir, log);
      log(`RAPI v2 on ${rapi.url} (users: ${path.join(rapi.dir, "users")}, log: ${path.join(rapi.dir, "access.log")})`);
    } catch (error) {
      log(`RAPI not started on ${settings.rapi.bind}:${settings.rapi.port}: ${(error as Error).message} (GANTRY_RAPI_PORT=0 turns it off)`);
    }
  }
  fs.writeFileSync(path.join(stateDir, "masterd.pid"), `${process.pid}\n`);
  collectGarbageWhenIdle(master);
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  log(`cluster ${master.config.cluster.cluster_name} ready on ${socketPath} (pid ${process.pid})`);
}

/**
 * After a burst of jobs V8 keeps the garbage of thousands of configuration writes for a long time, and with it
 * hundreds of MB of resident memory. Once the queue has been idle for a few seconds, one full collection gives it
 * back (masterd is started with --expose-gc; without it this does nothing).
 */
function collectGarbageWhenIdle(master: Master): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  let busySinceCollection = false;
  let idleChecks = 0;
  setInterval(() => {
    if (master.queue.runningCount() > 0) {
      busySinceCollection = true;
      idleChecks = 0;
    } else if (busySinceCollection && ++idleChecks >= 3) {
      gc();
      busySinceCollection = false;
    }
  }, 2000).unref();
}

function log(message: string): void {
  console.log(`${new Date().toISOString()} masterd: ${message}`);
}

main().catch((error) => {
  console.error("masterd: failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
