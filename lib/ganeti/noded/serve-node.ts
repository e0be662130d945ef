// How noded comes up: with the certificate the operator gave (--cert), with the cluster certificate it received when
// it joined earlier (<state-dir>/server.pem), or unjoined — a temporary certificate and a one-time join token, serving
// only POST /join until gnt-node add hands it the cluster certificate, then NodeRpc on the same address and port.
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomicSync } from "../config/atomic-write";
import { ensureCertificate } from "../rapi/server/certificate";
import type { NodeRpc } from "../rpc/node-rpc";
import { CLUSTER_CERTIFICATE_FILE, loadClusterCertificate, type ClusterCertificate } from "./cluster-certificate";
import { startJoinServer } from "./join-server";
import { makeJoinToken } from "./join-token";
import { startNodedServer, type NodedServer, type RpcLog } from "./noded-server";

export const JOIN_TOKEN_FILE = "join-token";
const JOIN_CERTIFICATE = { fileName: "join.pem", organization: "Gantry noded (not joined)", purpose: "the temporary join certificate" };

export type NodedService = { port: number; close: () => Promise<void> };

export type ServeOptions = {
  name: string;
  stateDir: string;
  /** An operator-provided cluster certificate; without it server.pem, or the join flow. */
  certFile?: string;
  listen: { host: string; port: number };
  log: RpcLog;
  /** Where the join token goes for the operator (stdout). */
  announce: (line: string) => void;
  /** The NodeRpc server could not start after the join (the port was taken meanwhile). */
  onError: (error: Error) => void;
};

export async function serveNode(node: NodeRpc, options: ServeOptions): Promise<NodedService> {
  const { stateDir, listen, log } = options;
  const joinedFile = path.join(stateDir, CLUSTER_CERTIFICATE_FILE);
  const certFile = options.certFile ?? (fs.existsSync(joinedFile) ? joinedFile : undefined);
  if (certFile) {
    const server = await startNodedServer(node, loadClusterCertificate(certFile), listen, log);
    log(`listening on https://${listen.host}:${server.port} (cluster certificate ${certFile})`);
    return server;
  }

  // Unjoined. A fresh temporary certificate and token on every start: an old token is worthless once noded restarted.
  const tokenFile = path.join(stateDir, JOIN_TOKEN_FILE);
  const joinPem = path.join(stateDir, JOIN_CERTIFICATE.fileName);
  fs.rmSync(joinPem, { force: true });
  const tls = ensureCertificate(stateDir, [options.name], JOIN_CERTIFICATE);
  const token = makeJoinToken(tls.fingerprint256);
  writeFileAtomicSync(tokenFile, `${token}\n`, 0o600);

  let current: NodedServer;
  let stopped = false;
  const service: NodedService = {
    port: 0,
    close: async () => {
      stopped = true;
      await current.close();
    },
  };
  const onJoined = (certificate: ClusterCertificate) => {
    if (stopped) return;
    startNodedServer(node, certificate, { host: listen.host, port: service.port }, log).then(
      (server) => {
        current = server;
        if (stopped) void server.close();
        else log(`listening on https://${listen.host}:${server.port} (cluster certificate ${joinedFile})`);
      },
      (error: unknown) => options.onError(new Error(`cannot serve NodeRpc after joining: ${(error as Error).message}`)),
    );
  };
  current = await startJoinServer({
    stateDir,
    tls,
    token,
    leftovers: [tokenFile, joinPem],
    identity: { name: options.name, version: await node.version() },
    listen,
    log,
    onJoined,
  });
  service.port = current.port;
  log(`not joined to a cluster yet: waiting for gnt-node add on https://${listen.host}:${current.port} (join token in ${tokenFile})`);
  options.announce(`join token: ${token}`);
  return service;
}
