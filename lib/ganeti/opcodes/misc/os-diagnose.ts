// OP_OS_DIAGNOSE (gnt-os list/diagnose/info, RAPI /2/os): asks every online vm_capable node which OS definitions it
// has. An OS is valid when every such node has a valid definition; variants, parameters and API versions are those
// all nodes agree on. One object per OS (what gnt-os and RAPI read), sorted by name.
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import type { OsDefinition } from "../../rpc/node-rpc";
import { allNodeLocks } from "../common";
import { defineOpcode, nonEmptyString, opParams } from "../definition";

const FIELDS = ["name", "valid", "hidden", "blacklisted", "variants", "api_versions", "parameters", "node_status", "os_hvp", "osparams", "trusted"];

export type OsDiagnosis = {
  name: string;
  valid: boolean;
  hidden: boolean;
  blacklisted: boolean;
  variants: string[];
  api_versions: number[];
  parameters: Array<[string, string]>;
  /** Node name → whether the node has a valid definition of this OS. */
  nodes: Record<string, boolean>;
};

const params = opParams({
  output_fields: z.array(nonEmptyString()).default(["name", "valid", "variants"]),
  names: z.array(nonEmptyString()).default([]),
});

export const osDiagnose = defineOpcode<z.infer<typeof params>, null>({
  id: "OP_OS_DIAGNOSE",
  params,
  locks: (ctx) => allNodeLocks(ctx.config),
  prereq(_ctx, p) {
    const unknown = p.output_fields.filter((f) => !FIELDS.includes(f));
    if (unknown.length) throw new OpPrereqError(`Unknown output fields selected: ${unknown.join(",")}`, "wrong_input");
    return null;
  },
  async exec(ctx, p) {
    const { config } = ctx;
    const nodes = config.nodes().filter((n) => !n.offline && n.vm_capable).sort((a, b) => a.name.localeCompare(b.name));
    const answers = await ctx.rpc.each(nodes.map((n) => n.uuid), (rpc) => rpc.osDiagnose());
    const perOs = new Map<string, Map<string, OsDefinition | null>>();
    for (const node of nodes) {
      const answer = answers.get(node.uuid);
      if (!answer?.ok) {
        ctx.log(`- WARNING: Can't get the OS list of node ${node.name}: ${answer?.error.message ?? "no answer"}`);
        continue;
      }
      for (const os of answer.value) {
        if (!perOs.has(os.name)) perOs.set(os.name, new Map());
        perOs.get(os.name)!.set(node.name, os);
      }
    }
    const answered = nodes.filter((n) => answers.get(n.uuid)?.ok).map((n) => n.name);
    const missing = p.names.filter((name) => !perOs.has(name));
    if (missing.length) throw new OpPrereqError(`OS '${missing.join("', '")}' not found on any node`, "unknown_entity");
    const wanted = p.names.length ? p.names : [...perOs.keys()];
    return wanted.sort().map((name) => diagnosis(name, perOs.get(name)!, answered, config.cluster));
  },
});

function diagnosis(name: string, found: Map<string, OsDefinition | null>, nodes: string[], cluster: { hidden_os: string[]; blacklisted_os: string[] }): OsDiagnosis {
  const status = Object.fromEntries(nodes.map((node) => [node, Boolean(found.get(node)?.valid)]));
  const definitions = nodes.map((node) => found.get(node)).filter((d): d is OsDefinition => Boolean(d));
  const valid = nodes.length > 0 && Object.values(status).every(Boolean);
  const common = <T>(pick: (d: OsDefinition) => T[], key: (v: T) => string = String) => {
    const [first, ...rest] = definitions;
    if (!first) return [];
    return pick(first).filter((v) => rest.every((d) => pick(d).some((w) => key(w) === key(v))));
  };
  return {
    name,
    valid,
    hidden: cluster.hidden_os.includes(name),
    blacklisted: cluster.blacklisted_os.includes(name),
    variants: valid ? common((d) => d.variants) : [],
    api_versions: valid ? common((d) => d.api_versions) : [],
    parameters: valid ? common((d) => d.parameters, (v) => v.join("\0")) : [],
    nodes: status,
  };
}
