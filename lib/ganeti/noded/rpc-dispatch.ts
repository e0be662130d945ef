// Which NodeRpc calls noded answers and how: the method named in the URL, its arguments as a JSON array. Only the
// interface's own methods can be called (never Object's or a helper of the implementation).
import type { NodeRpc, NodeRpcMethod } from "../rpc/node-rpc";
import { RpcRequestError } from "./rpc-errors";

export const NODE_RPC_METHODS: readonly NodeRpcMethod[] = [
  "version", "nodeInfo", "allInstancesInfo", "instanceInfo", "instanceStart", "instanceShutdown", "instanceReboot",
  "instanceConsoles", "instanceBalloonMemory", "acceptInstance", "migrateInstance", "instanceMigrationStatus",
  "finalizeMigration",
  "blockdevCreate", "blockdevRemove", "blockdevGrow", "blockdevRename", "blockdevAssemble", "blockdevShutdown",
  "blockdevMirrorStatus", "drbdAttachNet", "drbdDisconnectNet", "drbdReplaceChildren", "osDiagnose", "instanceOsAdd",
  "instanceRunRename", "uploadConfig", "nodeVerify", "powercycle", "storageList",
];

const isMethod = (name: string): name is NodeRpcMethod => (NODE_RPC_METHODS as readonly string[]).includes(name);

/** Parses the body and calls the method; throws RpcRequestError for what the caller got wrong. */
export async function dispatchRpc(node: NodeRpc, method: string, body: string): Promise<unknown> {
  if (!isMethod(method)) throw new RpcRequestError(404, `Unknown node RPC method '${method}'`);
  let args: unknown;
  try {
    args = JSON.parse(body || "[]");
  } catch (error) {
    throw new RpcRequestError(400, `The body of ${method} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(args)) throw new RpcRequestError(400, `The body of ${method} must be a JSON array of its arguments`);
  const call = node[method] as (...a: unknown[]) => Promise<unknown>;
  const result = await call.apply(node, args);
  return result === undefined ? null : result;
}
