// OP_TEST_DELAY (gnt-debug delay): sleeps, on the master and/or nodes; used to test the queue, locks and recovery.
import { z } from "zod";
import { defineOpcode, opParams } from "../definition";
import { nodeLock } from "../common";

const params = opParams({
  duration: z.number().min(0),
  on_master: z.boolean().default(true),
  on_nodes: z.array(z.string()).default([]),
  on_node_uuids: z.array(z.string()).nullable().optional(),
  repeat: z.number().int().min(0).default(0),
  no_locks: z.boolean().default(true),
});

export const testDelay = defineOpcode<z.infer<typeof params>, null>({
  id: "OP_TEST_DELAY",
  params,
  summaryField: "duration",
  locks: (ctx, p) => (p.no_locks ? [] : p.on_nodes.map((n) => nodeLock(ctx.config.expandName("node", n)))),
  prereq: () => null,
  async exec(ctx, p) {
    for (let i = 0; i <= p.repeat; i++) {
      if (p.repeat) ctx.log(`Test delay iteration ${i}/${p.repeat}`);
      await ctx.sleep(p.duration * 1000);
    }
    return null;
  },
});
