// The shared `list` and `list-fields` commands: Ganeti's default columns, -o (with +field to add), --no-headers,
// --separator, --units, and names to restrict the list.
import type { QueryResult } from "../query/run-query";
import type { FieldDefinition } from "../query/fields";
import { namesFilter } from "../query/filter";
import { OPT, type CliContext, type Command, type Options } from "./command";
import { renderTable } from "./table";

export function selectedFields(defaults: string[], output: unknown): string[] {
  if (typeof output !== "string" || !output) return defaults;
  if (output.startsWith("+")) return [...defaults, ...output.slice(1).split(",").filter(Boolean)];
  return output.split(",").filter(Boolean);
}

export function listCommand(resource: "instance" | "node" | "group" | "job", defaults: string[], noun: string): Command {
  return {
    name: "list",
    usage: `list [--no-headers] [--separator=SEP] [-o FIELDS] [--units=UNIT] [${noun}...]`,
    summary: `Lists the ${noun}s and their properties`,
    options: { noHeaders: OPT.noHeaders, separator: OPT.separator, output: OPT.output, units: OPT.units, verbose: OPT.verbose },
    args: { min: 0 },
    async run(ctx, args, options) {
      const fields = selectedFields(defaults, options.output);
      const filter = resource === "job" ? (args.length ? ["|", ...args.map((id) => ["==", "id", Number(id)])] : null) : namesFilter(args);
      const result = await (await ctx.client()).call<QueryResult>("Query", resource, fields, filter);
      printResult(ctx, result, options);
      return result.fields.some((f) => f.kind === "unknown") ? 1 : 0;
    },
  };
}

export function printResult(ctx: CliContext, result: QueryResult, options: Options): void {
  const unknown = result.fields.filter((f) => f.kind === "unknown");
  if (unknown.length) ctx.err(`Unknown output fields selected: ${unknown.map((f) => f.name).join(", ")}`);
  const table = renderTable(result.fields, result.data, {
    headers: !options.noHeaders,
    separator: options.separator as string | undefined,
    units: options.units as string | undefined,
  });
  if (table) ctx.out(table);
}

export function listFieldsCommand(resource: "instance" | "node" | "group" | "job"): Command {
  return {
    name: "list-fields",
    usage: "list-fields [--no-headers] [--separator=SEP] [FIELD...]",
    summary: "Lists the fields available for the list command",
    options: { noHeaders: OPT.noHeaders, separator: OPT.separator },
    args: { min: 0 },
    async run(ctx, args, options) {
      const { fields } = await (await ctx.client()).call<{ fields: FieldDefinition[] }>("QueryFields", resource, args.length ? args : null);
      const defs: FieldDefinition[] = [
        { name: "name", title: "Name", kind: "text", doc: "" },
        { name: "title", title: "Title", kind: "text", doc: "" },
        { name: "doc", title: "Description", kind: "text", doc: "" },
      ];
      const rows = fields.map((f) => [f.name, f.title, f.doc].map((v) => [0, v] as [number, unknown]));
      ctx.out(renderTable(defs, rows, { headers: !options.noHeaders, separator: options.separator as string | undefined }));
    },
  };
}
