// An unjoined noded's only listener: HTTPS with its temporary certificate (pinned by the join token, so the master
// knows whom it talks to), answering `POST /join` with `{"token", "certificate"}`. The right token and a usable cluster
// certificate make it write `<state-dir>/server.pem`, drop the token and temporary certificate, answer
// `{"ok": true, "name", "version"}`, close and hand over to the NodeRpc server (onJoined). Nothing else is served.
import fs from "node:fs";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { writeFileAtomicSync } from "../config/atomic-write";
import { CLUSTER_CERTIFICATE_FILE, parseClusterCertificate, type ClusterCertificate } from "./cluster-certificate";
import { JoinAttempts, LOCKOUT_MS, MAX_WRONG_TOKENS } from "./join-attempts";
import { sameToken } from "./join-token";
import { listenOn, readBody, RPC_PATH, sendJson, type NodedServer, type RpcLog } from "./noded-server";
import { errorBody, RpcRequestError } from "./rpc-errors";

/** A key and certificate in PEM, with room to spare. */
const MAX_JOIN_BODY_BYTES = 64 * 1024;

export const NOT_JOINED = "this node has not joined a cluster yet: run gnt-node add with its join token";

export type JoinServerOptions = {
  stateDir: string;
  /** The temporary certificate the join token pins, and the files to remove once joined. */
  tls: { key: string; cert: string };
  token: string;
  leftovers: string[];
  identity: { name: string; version: { protocol: number; software: string } };
  listen: { host: string; port: number };
  log: RpcLog;
  /** Called once the answer is sent and this listener is closed. */
  onJoined: (certificate: ClusterCertificate) => void;
};

export async function startJoinServer(options: JoinServerOptions): Promise<NodedServer> {
  const attempts = new JoinAttempts();
  let joining = false;
  let listener: NodedServer | undefined;
  const server = https.createServer({ key: options.tls.key, cert: options.tls.cert }, (request, response) => {
    void handle(request, response).catch((error: unknown) => options.log(`join handler failed: ${(error as Error).message}`));
  });
  server.on("tlsClientError", (error, socket) => options.log(`refused TLS client ${socket.remoteAddress ?? "?"}: ${error.message}`));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = request.url ?? "";
    let certificate: ClusterCertificate;
    try {
      if (RPC_PATH.test(route)) throw new RpcRequestError(409, NOT_JOINED);
      if (route !== "/join") throw new RpcRequestError(404, `No such resource ${route}: ${NOT_JOINED}`);
      if (request.method !== "POST") throw new RpcRequestError(405, "Use POST for /join");
      const lockedFor = attempts.lockedFor();
      if (lockedFor) throw new RpcRequestError(429, `Too many wrong join tokens: joins are refused for another ${Math.ceil(lockedFor / 1000)} s`);
      const body = parseJoinBody(await readBody(request, MAX_JOIN_BODY_BYTES));
      if (!sameToken(body.token.trim().toLowerCase(), options.token)) {
        if (attempts.wrongToken()) options.log(`${MAX_WRONG_TOKENS} wrong join tokens in a row: refusing joins for ${LOCKOUT_MS / 1000} s`);
        throw new RpcRequestError(403, "Wrong join token");
      }
      attempts.rightToken();
      if (joining) throw new RpcRequestError(409, "This node is joining a cluster already");
      try {
        certificate = parseClusterCertificate(body.certificate);
      } catch (error) {
        throw new RpcRequestError(400, `The cluster certificate is not usable: ${(error as Error).message}`);
      }
      joining = true;
    } catch (error) {
      const status = error instanceof RpcRequestError ? error.status : 500;
      sendJson(response, status, { ok: false, error: errorBody(error) });
      options.log(`${route} ${status} ${(error as Error).message} (from ${request.socket.remoteAddress ?? "?"})`);
      return;
    }
    writeFileAtomicSync(path.join(options.stateDir, CLUSTER_CERTIFICATE_FILE), certificate.key + certificate.cert, 0o600);
    for (const file of options.leftovers) fs.rmSync(file, { force: true });
    options.log(`joined a cluster (certificate ${certificate.fingerprint256}), asked by ${request.socket.remoteAddress ?? "?"}`);
    response.shouldKeepAlive = false;
    sendJson(response, 200, { ok: true, name: options.identity.name, version: options.identity.version }, () => {
      void listener!.close().then(() => options.onJoined(certificate));
    });
  }

  listener = await listenOn(server, options.listen);
  return listener;
}

function parseJoinBody(text: string): { token: string; certificate: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const { token, certificate } = (body ?? {}) as Record<string, unknown>;
  if (typeof token !== "string" || typeof certificate !== "string") {
    throw new RpcRequestError(400, 'The body must be JSON {"token": "<join token>", "certificate": "<PEM private key and certificate>"}');
  }
  return { token, certificate };
}
