// gnt-os: the OS definitions nodes can install.
import type { Program } from "../command";
import { submitOrWait } from "../jobs";

type Diagnosis = Array<{ name: string; valid: boolean; variants: string[]; nodes: Record<string, boolean>; parameters: Array<[string, string]> }>;

export const gntOs: Program = {
  name: "gnt-os",
  summary: "Instance operating system administration.",
  commands: [
    {
      name: "list",
      usage: "list [--no-headers]",
      summary: "Lists the OSes valid on every node",
      options: { noHeaders: { type: "boolean", help: "Do not print the header line" } },
      async run(ctx, _args, o) {
        const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name", "valid", "variants"], names: [] }], {});
        if (!o.noHeaders) ctx.out("Name");
        for (const os of outcome!.results[0] as Diagnosis) if (os.valid) ctx.out(os.name);
      },
    },
    {
      name: "diagnose",
      usage: "diagnose",
      summary: "Shows, per OS, on which nodes it is valid",
      async run(ctx) {
        const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name", "valid", "variants", "node_status"], names: [] }], {});
        for (const os of outcome!.results[0] as Diagnosis) {
          ctx.out(`OS: ${os.name} [global status: ${os.valid ? "valid" : "invalid"}]`);
          for (const [node, ok] of Object.entries(os.nodes).sort()) ctx.out(`  Node: ${node}, status: ${ok ? "valid" : "missing"}`);
        }
      },
    },
    {
      name: "info",
      usage: "info",
      summary: "Shows the OSes and their parameters",
      async run(ctx) {
        const outcome = await submitOrWait(ctx, [{ OP_ID: "OP_OS_DIAGNOSE", output_fields: ["name", "parameters"], names: [] }], {});
        for (const os of outcome!.results[0] as Diagnosis) {
          ctx.out(`OS: ${os.name}`);
          ctx.out(`  valid: ${os.valid}`);
          if (os.parameters.length) ctx.out("  OS parameters:");
          for (const [name, doc] of os.parameters) ctx.out(`    - ${name}: ${doc}`);
        }
      },
    },
  ],
};
