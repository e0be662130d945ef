// Helpers the gnt-* programs share: the tag commands every object kind has, and confirmation prompts.
import { TagError } from "../../errors";
import { OPT, UsageError, type CliContext, type Command, type Options } from "../command";
import { submitOrWait } from "../jobs";

type TagKind = "cluster" | "node" | "nodegroup" | "instance";

export function tagCommands(kind: TagKind): Command[] {
  const named = kind !== "cluster";
  const what = kind === "nodegroup" ? "group" : kind;
  return [
    {
      name: "list-tags",
      usage: named ? `list-tags ${what.toUpperCase()}` : "list-tags",
      summary: `Lists the tags of the ${what}`,
      args: { min: named ? 1 : 0, max: named ? 1 : 0 },
      async run(ctx, args) {
        const tags = await (await ctx.client()).call<string[]>("QueryTags", kind, args[0] ?? "");
        for (const tag of [...tags].sort()) ctx.out(tag);
      },
    },
    {
      name: "add-tags",
      usage: named ? `add-tags ${what.toUpperCase()} TAG...` : "add-tags TAG...",
      summary: `Adds tags to the ${what}`,
      options: { submit: OPT.submit, dryRun: OPT.dryRun, priority: OPT.priority },
      args: { min: named ? 2 : 1 },
      run: (ctx, args, options) => changeTags(ctx, "OP_TAGS_SET", kind, named ? args[0]! : null, named ? args.slice(1) : args, options),
    },
    {
      name: "remove-tags",
      usage: named ? `remove-tags ${what.toUpperCase()} TAG...` : "remove-tags TAG...",
      summary: `Removes tags from the ${what}`,
      options: { submit: OPT.submit, dryRun: OPT.dryRun, priority: OPT.priority },
      args: { min: named ? 2 : 1 },
      run: (ctx, args, options) => changeTags(ctx, "OP_TAGS_DEL", kind, named ? args[0]! : null, named ? args.slice(1) : args, options),
    },
  ];
}

async function changeTags(ctx: CliContext, opId: string, kind: TagKind, name: string | null, tags: string[], options: Options) {
  if (!tags.length) throw new TagError("No tags given");
  await submitOrWait(ctx, [{ OP_ID: opId, kind, name, tags }], options);
}

/** Ganeti's confirmation: skipped with -f, refused when there is no terminal to ask. */
export async function confirmOrForce(ctx: CliContext, options: Options, question: string): Promise<void> {
  if (options.force) return;
  if (!(await ctx.confirm(question))) throw new UsageError("Aborted (use -f to skip the confirmation)");
}

export function numberOption(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`Invalid value '${value}' for --${option}: give a number`);
  return n;
}

/** Ganeti's "Modified node X" followed by " - param -> value" for each change a modify opcode reports. */
export function printChanges(ctx: CliContext, what: string, result: unknown): void {
  if (!Array.isArray(result) || !result.length) return;
  ctx.out(`Modified ${what}`);
  for (const [param, value] of result as Array<[string, unknown]>) ctx.out(` - ${param.padEnd(5)} -> ${String(value)}`);
}
