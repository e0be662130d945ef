// The master's NodeTransport to a noded: `POST /rpc/<method>` over HTTPS, presenting the cluster certificate and
// accepting only a node that presents the same one (pinned by fingerprint, so the node's address needs no name in the
// certificate). Errors the node reports come back as the GanetiError it raised; a node that cannot be reached, times
// out or answers nonsense gives an RpcError naming it.
import https from "node:https";
import { GanetiError, RpcError } from "../errors";
import type { ClusterCertificate } from "../noded/cluster-certificate";
import { errorFromBody, type RpcResponse } from "../noded/rpc-errors";
import type { NodeRpcMethod } from "./node-rpc";
import type { NodeTransport } from "./rpc-runner";

export type HttpsNodeAddress = { name: string; host: string; port: number };

/** Most calls answer at once; these run QEMU, copy images or wait for a guest, so they get longer. */
const DEFAULT_TIMEOUT_MS = 60_000;
const LONG_TIMEOUT_MS = 15 * 60_000;
/**
 * A node that is down but not refusing (powered off, cut off) must not hold every query for a minute: the connection
 * and its TLS handshake get 5 s, as Ganeti's RPC_CONNECT_TIMEOUT.
 */
const CONNECT_TIMEOUT_MS = 5_000;

export type NodeTimeouts = { normal: number; long: number; connect?: number };
const LONG_CALLS: ReadonlySet<NodeRpcMethod> = new Set(["instanceOsAdd", "migrateInstance", "instanceShutdown", "instanceReboot", "blockdevCreate", "blockdevGrow"]);

export class HttpsNodeTransport implements NodeTransport {
  private readonly agent: https.Agent;

  constructor(
    private readonly node: HttpsNodeAddress,
    certificate: ClusterCertificate,
    private readonly timeoutMs: NodeTimeouts = { normal: DEFAULT_TIMEOUT_MS, long: LONG_TIMEOUT_MS },
  ) {
    this.agent = new https.Agent({
      keepAlive: true,
      key: certificate.key,
      cert: certificate.cert,
      ca: certificate.cert,
      checkServerIdentity: (_host, peer) =>
        peer.fingerprint256 === certificate.fingerprint256 ? undefined : new Error(`presented certificate ${peer.fingerprint256}, not the cluster certificate`),
    });
  }

  async call(method: NodeRpcMethod, args: unknown[]): Promise<unknown> {
    // Byte buffers (a configuration) travel as their text: every NodeRpc buffer is UTF-8 JSON.
    const body = JSON.stringify(args.map((arg) => (arg instanceof Uint8Array ? Buffer.from(arg).toString("utf8") : arg)));
    const timeout = LONG_CALLS.has(method) ? this.timeoutMs.long : this.timeoutMs.normal;
    const { status, text } = await this.post(method, body, timeout);
    let answer: RpcResponse;
    try {
      answer = JSON.parse(text) as RpcResponse;
    } catch {
      throw new RpcError(this.node.name, `${method}: answered HTTP ${status} with a body that is not JSON`);
    }
    if (answer.ok) return answer.result;
    if (status === 200 || status === 500) throw errorFromBody(answer.error);
    throw new RpcError(this.node.name, `${method} refused (HTTP ${status}): ${answer.error.message}`);
  }

  /** Ends the kept-alive connections (when the master stops or the node leaves the cluster). */
  close(): void {
    this.agent.destroy();
  }

  private post(method: string, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
    const { name, host, port } = this.node;
    return new Promise((resolve, reject) => {
      const request = https.request(
        { host, port, method: "POST", path: `/rpc/${method}`, agent: this.agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", (error) => reject(new RpcError(name, `${method}: ${error.message}`)));
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
      request.on("socket", (socket) => {
        if (!socket.connecting && !(socket as { pending?: boolean }).pending) return; // a kept-alive connection
        const connectMs = this.timeoutMs.connect ?? CONNECT_TIMEOUT_MS;
        const timer = setTimeout(() => request.destroy(new Error(`no connection within ${connectMs / 1000} s`)), connectMs);
        socket.once("secureConnect", () => clearTimeout(timer));
        socket.once("close", () => clearTimeout(timer));
      });
      request.on("error", (error) => reject(error instanceof GanetiError ? error : new RpcError(name, `${method} to ${host}:${port} failed: ${error.message}`)));
      request.end(body);
    });
  }
}
