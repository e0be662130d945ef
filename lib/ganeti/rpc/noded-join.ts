// The master's side of `gnt-node add` for a real host: hands the cluster certificate to an unjoined noded that
// proves, by its temporary certificate matching the join token's pin, to be the node the operator meant; then waits
// until the node answers NodeRpc with the cluster certificate. Nothing is sent before the pin matched.
import https from "node:https";
import tls from "node:tls";
import { GanetiError, OpExecError, OpPrereqError, RpcError } from "../errors";
import type { ClusterCertificate } from "../noded/cluster-certificate";
import { certificatePin, parseJoinToken } from "../noded/join-token";
import type { RpcResponse } from "../noded/rpc-errors";
import { HttpsNodeTransport, type HttpsNodeAddress } from "./https-transport";

const DEFAULT_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 200;

export type NodedVersion = { software: string; protocol: number };

export async function joinNode(node: HttpsNodeAddress, token: string, certificate: ClusterCertificate, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<NodedVersion> {
  const { secret, pin } = parseJoinToken(token);
  const deadline = Date.now() + timeoutMs;
  const socket = await connectPinned(node, pin, certificate, timeoutMs);
  // A node presenting the cluster certificate already joined this cluster (a gnt-node add repeated after a timeout).
  if (socket) {
    const { status, answer } = await postJoin(node, socket, JSON.stringify({ token: `${secret}.${pin}`, certificate: certificate.key + certificate.cert }), timeoutMs);
    if (!answer.ok) throw refusal(node, status, answer.error.message);
  }
  return waitForNodeRpc(node, certificate, deadline);
}

/** A TLS connection to the node whose certificate matches the pin; null when it presents the cluster certificate itself. */
function connectPinned(node: HttpsNodeAddress, pin: string, certificate: ClusterCertificate, timeoutMs: number): Promise<tls.TLSSocket | null> {
  const { name, host, port } = node;
  return new Promise((resolve, reject) => {
    // The temporary certificate is self-signed and unknown to us: the pin, checked below, is what authenticates it.
    // The cluster certificate goes along only for a node that asks for one, i.e. that has joined already.
    const socket = tls.connect({ host, port, rejectUnauthorized: false, key: certificate.key, cert: certificate.cert });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    socket.once("error", (error) => reject(new RpcError(name, `cannot reach noded at ${host}:${port}: ${error.message}`)));
    socket.once("secureConnect", () => {
      const presented = socket.getPeerCertificate().fingerprint256 ?? "none";
      if (presented === certificate.fingerprint256) {
        socket.destroy();
        resolve(null);
      } else if (certificatePin(presented) !== pin) {
        socket.destroy();
        reject(new OpPrereqError(`The node at ${host}:${port} presented certificate ${presented}, not the one its join token names`));
      } else {
        socket.setTimeout(0);
        socket.removeAllListeners("error");
        resolve(socket);
      }
    });
  });
}

function postJoin(node: HttpsNodeAddress, socket: tls.TLSSocket, body: string, timeoutMs: number): Promise<{ status: number; answer: RpcResponse }> {
  const { name, host, port } = node;
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host,
        port,
        method: "POST",
        path: "/join",
        createConnection: () => socket,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          try {
            resolve({ status, answer: JSON.parse(Buffer.concat(chunks).toString("utf8")) as RpcResponse });
          } catch {
            reject(new RpcError(name, `join: answered HTTP ${status} with a body that is not JSON; is ${host}:${port} a noded?`));
          }
        });
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error) => reject(error instanceof GanetiError ? error : new RpcError(name, `join at ${host}:${port} failed: ${error.message}`)));
    request.end(body);
  });
}

function refusal(node: HttpsNodeAddress, status: number, message: string): GanetiError {
  const where = `${node.name} (${node.host}:${node.port})`;
  switch (status) {
    case 403:
      return new OpPrereqError(`Node ${where} refused the join token: it is not the one its noded printed (a restarted noded prints a new one)`);
    case 429:
      return new OpPrereqError(`Node ${where} refuses joins for now after too many wrong tokens: ${message}`, "wrong_state");
    case 409:
      return new OpPrereqError(`Node ${where} cannot join: ${message}`, "wrong_state");
    case 400:
      return new OpExecError(`Node ${where} did not accept the cluster certificate: ${message}`);
    default:
      return new RpcError(node.name, `join refused (HTTP ${status}): ${message}`);
  }
}

/** Joined nodes switch listeners: poll `version` with the cluster certificate until it answers or time is up. */
async function waitForNodeRpc(node: HttpsNodeAddress, certificate: ClusterCertificate, deadline: number): Promise<NodedVersion> {
  const transport = new HttpsNodeTransport(node, certificate, { normal: 2_000, long: 2_000 });
  try {
    for (;;) {
      try {
        return (await transport.call("version", [])) as NodedVersion;
      } catch (error) {
        if (Date.now() + POLL_INTERVAL_MS > deadline) {
          throw new RpcError(node.name, `joined, but does not answer NodeRpc with the cluster certificate: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    }
  } finally {
    transport.close();
  }
}
