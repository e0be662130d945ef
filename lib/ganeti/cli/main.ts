// Entry point of every gnt-* command (bin/gnt-*): picks the command, parses its options, runs it, and turns any
// failure into one clear line on stderr with a non-zero exit status.
import readline from "node:readline/promises";
import { GanetiError } from "../errors";
import type { LuxiClient } from "../luxi/client";
import { defaultStateDir } from "../master/settings";
import { commandHelp, parseCommandLine, programHelp, UsageError, type CliContext, type Program } from "./command";
import { connectMaster } from "./connect";
import { formatFailure, JobFailed } from "./jobs";
import { PROGRAMS } from "./programs";

export async function main(programName: string, argv: string[]): Promise<number> {
  const program = PROGRAMS[programName];
  if (!program) {
    console.error(`Unknown program ${programName}`);
    return 2;
  }
  // Output piped into head(1) and the like: stop quietly when the reader goes away (the job itself goes on).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  }
  return runProgram(program, argv, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}

export async function runProgram(
  program: Program,
  argv: string[],
  io: { out(line: string): void; err(line: string): void; stateDir?: string; confirm?: (q: string) => Promise<boolean> },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(programHelp(program));
    return name ? 0 : 1;
  }
  if (name === "--version") {
    io.out(`${program.name} (Gantry) 3.0.2-gantry`);
    return 0;
  }
  const command = program.commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command '${name}' for ${program.name}; commands: ${program.commands.map((c) => c.name).join(", ")}`);
    return 2;
  }
  let client: LuxiClient | null = null;
  const ctx: CliContext = {
    stateDir: io.stateDir ?? defaultStateDir(process.env),
    client: async () => (client ??= await connectMaster(ctx.stateDir)),
    out: io.out,
    err: io.err,
    confirm: io.confirm ?? askOnTerminal,
  };
  try {
    const { args, options } = parseCommandLine(command, rest);
    if (options.help) {
      io.out(commandHelp(program.name, command));
      return 0;
    }
    const status = await command.run(ctx, args, options);
    return status ?? 0;
  } catch (error) {
    io.err(describe(error));
    return error instanceof UsageError ? 2 : 1;
  } finally {
    (client as LuxiClient | null)?.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof UsageError) return `Error: ${error.message}`;
  if (error instanceof JobFailed) return error.message;
  if (error instanceof GanetiError) return formatFailure(error.kind, error.message, error.code);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES") return `Failure: permission denied talking to the master daemon (${(error as Error).message})`;
  return `Failure: ${(error as Error).message ?? String(error)}`;
}

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question}\ny/[n]/?: `);
    return answer.trim().toLowerCase() === "y" || answer.trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}
