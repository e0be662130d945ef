// Master side of NodeRpc: picks the transport for a node from the configuration, refuses to call offline nodes
// (as Ganeti's RPC layer does), copies arguments across the boundary and turns transport failures into RpcError.
import { GanetiError, RpcError } from "../errors";
import type { ConfigStore } from "../config/config-store";
import type { Node } from "../objects/types";
import type { NodeRpc, NodeRpcMethod } from "./node-rpc";

/** Carries one call to one node; implemented in-process for virtual nodes and over HTTPS for noded. */
export interface NodeTransport {
  call(method: NodeRpcMethod, args: unknown[]): Promise<unknown>;
}

export type TransportFactory = (node: Node) => NodeTransport;

export class NodeRpcRunner {
  constructor(
    private readonly config: ConfigStore,
    private readonly transportFor: TransportFactory,
  ) {}

  /** A typed client for one node. `ignoreOffline` lets verify and node modify talk to a node marked offline. */
  node(nodeUuid: string, options: { ignoreOffline?: boolean } = {}): NodeRpc {
    return new Proxy({} as NodeRpc, {
      get: (_target, method) => (...args: unknown[]) => this.invoke(nodeUuid, method as NodeRpcMethod, args, options),
    });
  }

  /** Calls every node in parallel; failures come back per node instead of failing the whole call. */
  async each<T>(nodeUuids: string[], call: (rpc: NodeRpc, node: Node) => Promise<T>): Promise<Map<string, { ok: true; value: T } | { ok: false; error: GanetiError }>> {
    const results = new Map<string, { ok: true; value: T } | { ok: false; error: GanetiError }>();
    await Promise.all(
      nodeUuids.map(async (uuid) => {
        const node = this.config.node(uuid);
        if (!node) return;
        try {
          results.set(uuid, { ok: true, value: await call(this.node(uuid), node) });
        } catch (error) {
          results.set(uuid, { ok: false, error: error instanceof GanetiError ? error : new RpcError(node.name, String(error)) });
        }
      }),
    );
    return results;
  }

  private async invoke(nodeUuid: string, method: NodeRpcMethod, args: unknown[], options: { ignoreOffline?: boolean }) {
    const node = this.config.node(nodeUuid);
    if (!node) throw new RpcError(nodeUuid, "is not in the configuration");
    if (node.offline && !options.ignoreOffline) throw new RpcError(node.name, "node is marked offline", { offline: true });
    const transport = this.transportFor(node);
    try {
      // Objects are copied so neither side can change the other's. Strings are immutable, and byte buffers (a whole
      // configuration, for each master candidate) are read-only by contract: both go across as they are.
      return await transport.call(method, args.map((arg) => (typeof arg === "object" && arg !== null && !(arg instanceof Uint8Array) ? structuredClone(arg) : arg)));
    } catch (error) {
      if (error instanceof GanetiError) throw error;
      throw new RpcError(node.name, `${method} failed: ${(error as Error).message ?? String(error)}`);
    }
  }
}
