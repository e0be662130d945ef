// How a gnt-* command is declared and its arguments parsed (node:util parseArgs underneath), with the options
// Ganeti's commands share.
import { parseArgs } from "node:util";
import type { LuxiClient } from "../luxi/client";

export type OptionSpec = { type: "string" | "boolean"; short?: string; multiple?: boolean; help: string; arg?: string };
export type Options = Record<string, string | boolean | string[] | undefined>;

export type CliContext = {
  stateDir: string;
  client(): Promise<LuxiClient>;
  out(line: string): void;
  err(line: string): void;
  /** Asks a yes/no question on the terminal (confirmations skipped with -f). */
  confirm(question: string): Promise<boolean>;
};

export type Command = {
  name: string;
  usage: string;
  summary: string;
  options?: Record<string, OptionSpec>;
  args?: { min: number; max?: number };
  run(ctx: CliContext, args: string[], options: Options): Promise<number | void>;
};

export type Program = { name: string; summary: string; commands: Command[] };

export class UsageError extends Error {}

export const OPT = {
  submit: { type: "boolean", help: "Submit the job and return its id without waiting" },
  dryRun: { type: "boolean", help: "Only check the preconditions, do not execute" },
  priority: { type: "string", help: "Job priority: low, normal, high (or -20..19)", arg: "PRIO" },
  force: { type: "boolean", short: "f", help: "Do not ask for confirmation" },
  noHeaders: { type: "boolean", help: "Do not print the header line" },
  separator: { type: "string", help: "Separate fields with this string instead of aligning columns", arg: "SEP" },
  output: { type: "string", short: "o", help: "Fields to show, comma-separated (+field adds to the defaults)", arg: "FIELDS" },
  units: { type: "string", help: "Units for sizes: h (human), m, g, t", arg: "UNIT" },
  timeout: { type: "string", help: "Shutdown timeout in seconds", arg: "SECONDS" },
  verbose: { type: "boolean", short: "v", help: "More output" },
} satisfies Record<string, OptionSpec>;

const COMMON: Record<string, OptionSpec> = { debug: { type: "boolean", short: "d", help: "Debug output" }, help: { type: "boolean", short: "h", help: "Show this help" } };

/** Option names in specs are camelCase; on the command line they are kebab-case (--no-headers). */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function parseCommandLine(command: Command, argv: string[]): { args: string[]; options: Options } {
  const specs = { ...COMMON, ...command.options };
  const parseOptions: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    parseOptions[kebab(name)] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: parseOptions, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?: /, "").split("\n")[0]!);
  }
  const options: Options = {};
  for (const name of Object.keys(specs)) options[name] = parsed.values[kebab(name)] as Options[string];
  const { min, max } = command.args ?? { min: 0, max: 0 };
  if (!options.help) {
    if (parsed.positionals.length < min) throw new UsageError(`Not enough arguments for '${command.name}'; usage: ${command.usage}`);
    if (max !== undefined && parsed.positionals.length > max) throw new UsageError(`Too many arguments for '${command.name}'; usage: ${command.usage}`);
  }
  return { args: parsed.positionals, options };
}

export function commandHelp(program: string, command: Command): string {
  const lines = [`Usage: ${program} ${command.usage}`, "", command.summary];
  const specs = { ...command.options, ...COMMON };
  if (Object.keys(specs).length) lines.push("", "Options:");
  for (const [name, spec] of Object.entries(specs)) {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${kebab(name)}${spec.type === "string" ? `=${spec.arg ?? "VALUE"}` : ""}`;
    lines.push(`  ${flag.padEnd(34)} ${spec.help}`);
  }
  return lines.join("\n");
}

export function programHelp(program: Program): string {
  const width = Math.max(...program.commands.map((c) => c.name.length));
  return [
    `Usage: ${program.name} <command> [options...] [argument...]`,
    "",
    program.summary,
    "",
    "Commands:",
    ...program.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    `${program.name} <command> --help shows a command's options.`,
  ].join("\n");
}
