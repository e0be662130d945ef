// noded's HTTPS listener: `POST /rpc/<method>` with a JSON array of arguments, answered with
// `{"ok": true, "result": …}` or `{"ok": false, "error": {kind, message}}`. Mutual TLS with the cluster certificate:
// the handshake only completes for a client certificate signed by it, and the request is refused (401) unless the
// client's certificate is the cluster certificate itself (fingerprint compared).
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import type { NodeRpc } from "../rpc/node-rpc";
import type { ClusterCertificate } from "./cluster-certificate";
import { dispatchRpc } from "./rpc-dispatch";
import { errorBody, RpcRequestError, type RpcResponse } from "./rpc-errors";

/** A whole configuration fits easily; anything larger is not a NodeRpc call. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
export const RPC_PATH = /^\/rpc\/([A-Za-z]+)$/;

export type NodedServer = { port: number; close: () => Promise<void> };
export type RpcLog = (line: string) => void;

export async function startNodedServer(
  node: NodeRpc,
  certificate: ClusterCertificate,
  listen: { host: string; port: number },
  log: RpcLog = () => undefined,
): Promise<NodedServer> {
  const server = https.createServer(
    { key: certificate.key, cert: certificate.cert, ca: certificate.cert, requestCert: true, rejectUnauthorized: true },
    (request, response) => void handle(node, certificate, request, response, log),
  );
  server.on("tlsClientError", (error, socket) => log(`refused TLS client ${socket.remoteAddress ?? "?"}: ${error.message}`));
  return listenOn(server, listen);
}

/** Starts listening; close() ends open connections too, so the port is free again when it resolves. */
export async function listenOn(server: https.Server, listen: { host: string; port: number }): Promise<NodedServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(node: NodeRpc, certificate: ClusterCertificate, request: IncomingMessage, response: ServerResponse, log: RpcLog) {
  const started = Date.now();
  const method = RPC_PATH.exec(request.url ?? "")?.[1] ?? "";
  let status = 200;
  let answer: RpcResponse;
  try {
    const peer = (request.socket as TLSSocket).getPeerCertificate();
    if (!peer?.fingerprint256 || peer.fingerprint256 !== certificate.fingerprint256) {
      throw new RpcRequestError(401, "The client did not present the cluster certificate");
    }
    if (!method) throw new RpcRequestError(404, `No such resource ${request.url}: calls are POST /rpc/<method>`);
    if (request.method !== "POST") throw new RpcRequestError(405, `Use POST for /rpc/${method}`);
    answer = { ok: true, result: await dispatchRpc(node, method, await readBody(request, MAX_BODY_BYTES)) };
  } catch (error) {
    if (error instanceof RpcRequestError) status = error.status;
    answer = { ok: false, error: errorBody(error) };
  }
  sendJson(response, status, answer);
  log(`${method || request.url} ${status}${answer.ok ? "" : ` ${answer.error.kind}: ${answer.error.message}`} (${Date.now() - started} ms)`);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, then?: () => void): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text, then);
}

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RpcRequestError(413, `Request body larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
