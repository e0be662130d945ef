// gnt-group: node groups.
import { OPT, UsageError, type Program } from "../command";
import { submitOrWait } from "../jobs";
import { listCommand, listFieldsCommand } from "../listing";
import { parseKeyValues } from "../values";
import { printChanges, tagCommands } from "./shared";

const JOB_OPTIONS = { submit: OPT.submit, dryRun: OPT.dryRun, priority: OPT.priority };
const ALLOC = { type: "string" as const, help: "Allocation policy: preferred, last_resort, unallocable", arg: "POLICY" };

export const gntGroup: Program = {
  name: "gnt-group",
  summary: "Node group administration.",
  commands: [
    {
      name: "add",
      usage: "add [--alloc-policy=POLICY] [--node-parameters=PARAMS] GROUP",
      summary: "Adds a node group",
      options: { allocPolicy: ALLOC, nodeParameters: { type: "string", help: "Node parameters", arg: "PARAMS" }, ...JOB_OPTIONS },
      args: { min: 1, max: 1 },
      async run(ctx, [group], o) {
        await submitOrWait(ctx, [{ OP_ID: "OP_GROUP_ADD", group_name: group, alloc_policy: (o.allocPolicy as string | undefined) ?? null, ndparams: o.nodeParameters ? parseKeyValues(String(o.nodeParameters), "--node-parameters") : null }], o);
      },
    },
    listCommand("group", ["name", "node_cnt", "pinst_cnt", "alloc_policy", "ndparams"], "group"),
    listFieldsCommand("group"),
    {
      name: "assign-nodes",
      usage: "assign-nodes [--force] GROUP NODE...",
      summary: "Moves nodes into a group",
      options: { force: { ...OPT.force, help: "Allow splitting DRBD instances between groups" }, ...JOB_OPTIONS },
      args: { min: 2 },
      async run(ctx, [group, ...nodes], o) {
        await submitOrWait(ctx, [{ OP_ID: "OP_GROUP_ASSIGN_NODES", group_name: group, nodes, force: Boolean(o.force) }], o);
      },
    },
    {
      name: "modify",
      usage: "modify [--alloc-policy=POLICY] [--node-parameters=PARAMS] GROUP",
      summary: "Changes a group's parameters",
      options: { allocPolicy: ALLOC, nodeParameters: { type: "string", help: "Node parameters", arg: "PARAMS" }, ...JOB_OPTIONS },
      args: { min: 1, max: 1 },
      async run(ctx, [group], o) {
        if (!o.allocPolicy && !o.nodeParameters) throw new UsageError("Nothing to change: give --alloc-policy or --node-parameters");
        const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_GROUP_SET_PARAMS", group_name: group, ...(o.allocPolicy ? { alloc_policy: o.allocPolicy } : {}), ...(o.nodeParameters ? { ndparams: parseKeyValues(String(o.nodeParameters), "--node-parameters") } : {}) }], o);
        printChanges(ctx, `node group ${group}`, outcome?.results[0]);
      },
    },
    {
      name: "rename",
      usage: "rename GROUP NEW_NAME",
      summary: "Renames a group",
      options: JOB_OPTIONS,
      args: { min: 2, max: 2 },
      async run(ctx, [group, newName], o) {
        await submitOrWait(ctx, [{ OP_ID: "OP_GROUP_RENAME", group_name: group, new_name: newName }], o);
      },
    },
    {
      name: "remove",
      usage: "remove GROUP",
      summary: "Removes an empty group",
      options: JOB_OPTIONS,
      args: { min: 1, max: 1 },
      async run(ctx, [group], o) {
        await submitOrWait(ctx, [{ OP_ID: "OP_GROUP_REMOVE", group_name: group }], o);
      },
    },
    ...tagCommands("nodegroup"),
  ],
};
