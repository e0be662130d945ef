// The master's transports to its nodes: virtual nodes answer in-process; a real host's noded over HTTPS at the node's
// primary_ip and noded_port, with the cluster certificate. One HTTPS transport per node, kept while its address stays
// the same (its keep-alive connections are reused by every call), replaced when the node moves, closed at stop.
import type { ClusterCertificate } from "../noded/cluster-certificate";
import type { VirtualNodeHost } from "../node/virtual-host";
import type { Node } from "../objects/types";
import { HttpsNodeTransport } from "../rpc/https-transport";
import type { NodeTransport } from "../rpc/rpc-runner";

/** Ganeti's noded port, used when a node does not name its own. */
export const DEFAULT_NODED_PORT = 1811;

export class NodeTransports {
  private readonly https = new Map<string, { key: string; transport: HttpsNodeTransport }>();

  constructor(
    private readonly virtualNodes: VirtualNodeHost,
    /** The cluster certificate (made on first use): what noded nodes are given at join and must present. */
    readonly certificate: () => ClusterCertificate,
  ) {}

  for(node: Node): NodeTransport {
    if (node.transport === "virtual") return this.virtualNodes.transport(node.name);
    const port = node.noded_port ?? DEFAULT_NODED_PORT;
    const key = `${node.primary_ip}:${port}`;
    const known = this.https.get(node.uuid);
    if (known?.key === key) return known.transport;
    known?.transport.close();
    const transport = new HttpsNodeTransport({ name: node.name, host: node.primary_ip, port }, this.certificate());
    this.https.set(node.uuid, { key, transport });
    return transport;
  }

  /** Forgets a node that left the cluster. */
  drop(nodeUuid: string): void {
    this.https.get(nodeUuid)?.transport.close();
    this.https.delete(nodeUuid);
  }

  close(): void {
    for (const { transport } of this.https.values()) transport.close();
    this.https.clear();
  }
}
