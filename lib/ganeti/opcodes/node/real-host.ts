// Reaching a real host before it joins the configuration (OP_NODE_ADD): with a join token, the node's noded first
// receives the cluster certificate; then it must answer NodeRpc over HTTPS with that certificate, speak this master's
// protocol version, and tell what it has. Nothing is added to the configuration unless all of that works.
import { OpPrereqError } from "../../errors";
import type { Node } from "../../objects/types";
import { joinNode } from "../../rpc/noded-join";
import { RPC_PROTOCOL_VERSION, type NodeInfo } from "../../rpc/node-rpc";
import type { OpContext } from "../definition";

export async function contactRealHost(ctx: OpContext, node: Node, joinToken: string | null): Promise<void> {
  const where = `${node.primary_ip}:${node.noded_port}`;
  const transport = ctx.nodeTransports.for(node);
  try {
    if (joinToken) {
      ctx.log(`- INFO: Giving ${node.name} (noded at ${where}) the cluster certificate`);
      await joinRealHost(ctx, node, joinToken);
    }
    let version: { protocol: number; software: string };
    try {
      version = (await transport.call("version", [])) as typeof version;
    } catch (error) {
      throw new OpPrereqError(
        `Node ${node.name} does not answer at ${where} with the cluster certificate: ${(error as Error).message}. ` +
          "Start workers/noded there, and pass --join-token with the token it printed unless it already has this cluster's certificate",
        "environment_error",
      );
    }
    if (version.protocol !== RPC_PROTOCOL_VERSION) {
      throw new OpPrereqError(`Node ${node.name} speaks NodeRpc protocol ${version.protocol}, this master ${RPC_PROTOCOL_VERSION}: install the same Gantry version there`, "wrong_input");
    }
    const info = (await transport.call("nodeInfo", [])) as NodeInfo;
    ctx.log(
      `- INFO: Node ${node.name} answers at ${where} (${version.software}); real host: ${info.memory_total} MiB memory, ` +
        `${info.cpu_total} CPUs, ${info.storage_free} of ${info.storage_total} MiB file storage free`,
    );
  } catch (error) {
    ctx.nodeTransports.drop(node.uuid);
    throw error;
  }
}

async function joinRealHost(ctx: OpContext, node: Node, token: string): Promise<void> {
  const version = await joinNode({ name: node.name, host: node.primary_ip, port: node.noded_port! }, token, ctx.nodeTransports.certificate());
  ctx.log(`- INFO: ${node.name} joined the cluster (${version.software}, protocol ${version.protocol})`);
}
