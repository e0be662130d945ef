// gnt-debug: tools for testing the queue and locks.
import { OPT, UsageError, type Program } from "../command";
import { submitOrWait } from "../jobs";

export const gntDebug: Program = {
  name: "gnt-debug",
  summary: "Debugging commands.",
  commands: [
    {
      name: "delay",
      usage: "delay [--no-master] [-n NODE]... [--repeat=N] DURATION",
      summary: "Runs a job that sleeps DURATION seconds (to test the queue, locks and recovery)",
      options: { noMaster: { type: "boolean", help: "Do not sleep on the master" }, node: { type: "string", short: "n", multiple: true, help: "Lock this node while sleeping", arg: "NODE" }, repeat: { type: "string", help: "Repeat N times", arg: "N" }, submit: OPT.submit, priority: OPT.priority },
      args: { min: 1, max: 1 },
      async run(ctx, [duration], o) {
        const seconds = Number(duration);
        if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`Invalid duration '${duration}'`);
        const nodes = Array.isArray(o.node) ? o.node : [];
        await submitOrWait(ctx, [{ OP_ID: "OP_TEST_DELAY", duration: seconds, on_master: !o.noMaster, on_nodes: nodes, no_locks: nodes.length === 0, repeat: Number(o.repeat ?? 0) }], o);
      },
    },
    {
      name: "locks",
      usage: "locks",
      summary: "Shows the locks held and waited for",
      async run(ctx) {
        const rows = await (await ctx.client()).call<Array<{ name: string; mode: string | null; owners: string[]; pending: Array<[string, string[]]> }>>("Ping", "locks");
        ctx.out("Name Mode Owner Pending");
        for (const r of rows) ctx.out(`${r.name} ${r.mode ?? "-"} ${r.owners.join(",") || "-"} ${r.pending.map(([m, o]) => `${m}:${o.join(",")}`).join(" ") || "-"}`);
      },
    },
  ],
};
