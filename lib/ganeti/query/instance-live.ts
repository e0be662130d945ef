// What instance queries ask the nodes (every online node: what runs there), the context their live fields read, and a
// key of the answers: equal keys mean the nodes said the same, so whoever kept something made from an earlier answer
// of the same configuration may use it again.
import type { ConfigStore } from "../config/config-store";
import type { LiveData } from "../opcodes/instance/status";
import type { InstanceRunInfo } from "../rpc/node-rpc";
import type { NodeRpcRunner } from "../rpc/rpc-runner";
import { instanceQueryContext, type InstanceQueryContext } from "./instance-context";
import { instancesByName } from "./sorted-objects";

type Answer = { ok: true; value: readonly InstanceRunInfo[] } | { ok: false };
export type InstanceLive = { context(): InstanceQueryContext; liveKey(): string };

/** Asks every online node what runs there (when `ask`; otherwise a context of nobody answering, for fields not live). */
export async function collectInstanceLive(config: ConfigStore, rpc: NodeRpcRunner, ask: boolean): Promise<InstanceLive> {
  const online = config.nodes().filter((n) => !n.offline).map((n) => n.uuid);
  const answers: ReadonlyMap<string, Answer> = ask ? await rpc.each(online, (node) => node.allInstancesInfo()) : new Map();
  const context = () => {
    const live: LiveData = { reachable: new Map(), offline: new Set(config.nodes().filter((n) => n.offline).map((n) => n.uuid)) };
    const running = new Map<string, InstanceRunInfo>();
    const byName = instancesByName(config);
    for (const [uuid, result] of answers) {
      if (!result.ok) continue;
      live.reachable.set(uuid, new Set(result.value.map((i) => i.name)));
      for (const info of result.value) if (byName.get(info.name)?.primary_node === uuid) running.set(info.name, info);
    }
    return instanceQueryContext(config, live, running);
  };
  // In the order of the nodes, not of the answers' arrival (which varies with real nodes).
  const liveKey = () => (ask ? online.map((uuid) => answerKey(uuid, answers.get(uuid))).join("") : "");
  return { context, liveKey };
}

/**
 * Answers that cannot change (a virtual node's frozen records, given again while nothing runs differently), by a
 * number of their own: the same array is the same answer, and its key need not spell it out.
 */
const frozenAnswers = new WeakMap<readonly InstanceRunInfo[], number>();
let lastFrozen = 0;

/** What the instance fields read of one node's answer: whether it answered, and each run's name, state, memory, vcpus. */
function answerKey(uuid: string, answer: Answer | undefined): string {
  if (!answer) return `${uuid}?\n`;
  if (!answer.ok) return `${uuid}!\n`;
  const runs = answer.value;
  const id = frozenAnswers.get(runs) ?? frozenId(runs);
  if (id !== undefined) return `${uuid}#${id}\n`;
  let key = `${uuid}:\n`;
  for (const i of runs) key += `${i.name}\t${i.state}\t${i.memory}\t${i.vcpus}\n`;
  return key;
}

function frozenId(runs: readonly InstanceRunInfo[]): number | undefined {
  if (!Object.isFrozen(runs) || !runs.every((i) => Object.isFrozen(i))) return undefined;
  frozenAnswers.set(runs, ++lastFrozen);
  return lastFrozen;
}
