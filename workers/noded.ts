// noded: the node daemon of a real host. Answers the master's NodeRpc calls over HTTPS with the cluster certificate
// (lib/ganeti/noded). Several can run on one machine with separate state directories and ports, as Ganeti's vcluster.
//   node --import tsx workers/noded.ts --state-dir DIR --port N --bind ADDR [--cert FILE]
//        [--name NAME] [--file-storage-dir DIR] [--shared-file-storage-dir DIR]
// Without --cert it uses the cluster certificate it received when it joined (<state-dir>/server.pem); on a node that
// never joined it prints `join token: …` and waits for gnt-node add to hand it the cluster certificate.
// SIGTERM/SIGINT stop the daemon and leave the guests running: QEMU runs detached in its own process group. Started
// again on the same state directory, noded adopts the QEMUs still running (pidfile and QMP socket) without restarting them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { HostNode } from "../lib/ganeti/noded/host-node";
import { serveNode } from "../lib/ganeti/noded/serve-node";
import { checkStorageRoot } from "../lib/ganeti/storage/images/storage-paths";

const USAGE = "usage: noded --state-dir DIR --port N --bind ADDR [--cert FILE] [--name NAME] [--file-storage-dir DIR] [--shared-file-storage-dir DIR]";

function log(line: string): void {
  console.log(`${new Date().toISOString()} noded: ${line}`);
}

function fail(message: string): never {
  console.error(`noded: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "state-dir": { type: "string" },
      port: { type: "string" },
      bind: { type: "string" },
      cert: { type: "string" },
      name: { type: "string" },
      "file-storage-dir": { type: "string" },
      "shared-file-storage-dir": { type: "string" },
    },
    strict: true,
  });
  const stateDir = values["state-dir"] ? path.resolve(values["state-dir"]) : fail("--state-dir is required");
  const port = Number(values.port);
  if (!values.port || !Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a TCP port number (got ${values.port ?? "nothing"})`);
  const bind = values.bind ?? fail("--bind is required (the address to listen on, e.g. 127.0.0.1)");
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const fileStorageDir = checkStorageRoot(values["file-storage-dir"] ?? path.join(stateDir, "file-storage"));
  fs.mkdirSync(fileStorageDir, { recursive: true, mode: 0o750 });
  const shared = values["shared-file-storage-dir"] ? checkStorageRoot(values["shared-file-storage-dir"]) : null;

  const name = values.name ?? os.hostname();
  const node = new HostNode({ name, stateDir, fileStorageDir, sharedFileStorageDir: shared, address: bind });
  for (const line of await node.recover()) log(`recovered ${line}`);
  log(`state ${stateDir}, file storage ${fileStorageDir}${shared ? `, shared ${shared}` : ""}, ${node.kvm.kvmUsable ? "KVM" : "TCG"}`);
  const server = await serveNode(node, {
    name,
    stateDir,
    certFile: values.cert,
    listen: { host: bind, port },
    log,
    announce: (line) => console.log(line),
    onError: (error) => {
      console.error(`noded: ${error.message}`);
      process.exit(1);
    },
  });
  fs.writeFileSync(path.join(stateDir, "noded.pid"), `${process.pid}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const guests = node.kvm.names();
    log(`stopping (${signal}); ${guests.length ? `leaving ${guests.join(", ")} running` : "no guests running"}`);
    await server.close();
    fs.rmSync(path.join(stateDir, "noded.pid"), { force: true });
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`noded: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
