// Command-line parsing with the semantics of GHC's System.Console.GetOpt, which Ganeti's htools use: long options
// may be abbreviated to any unambiguous prefix, `--opt=VALUE` or `--opt VALUE` for required arguments, `--opt[=VALUE]`
// for optional ones, short options may be grouped (`-vvv`) and take `-tFILE` or `-t FILE`, options and arguments
// may be mixed, and `--` ends the options. Errors carry GetOpt's messages. Also what Ganeti's CLI.hs gives all htools
// programs (hail, hbal, hspace): parseProgramOptions and the option-argument parsers more than one of them uses.
import { splitString } from "../backends/haskell-format";

export type ArgKind = "none" | "required" | "optional";

export type OptionSpec<O> = {
  short?: string;
  long: string;
  arg: ArgKind;
  argName?: string;
  help: string;
  /** Applies the option; throws an Error whose message Ganeti prints after "Error while parsing command line arguments:". */
  apply: (opts: O, value: string | undefined) => O;
};

export type ParseResult<O> =
  | { ok: true; opts: O; args: string[] }
  | { ok: false; kind: "usage"; message: string }
  | { ok: false; kind: "value"; message: string };

function usageLine<O>(o: OptionSpec<O>): [string, string, string] {
  const name = o.argName ?? "ARG";
  const short = o.short ? `-${o.short}${o.arg === "required" ? ` ${name}` : o.arg === "optional" ? `[${name}]` : ""}` : "";
  const long = `--${o.long}${o.arg === "required" ? `=${name}` : o.arg === "optional" ? `[=${name}]` : ""}`;
  return [short, long, o.help];
}

/** GetOpt's usageInfo: three padded columns. */
export function usageInfo<O>(header: string, specs: readonly OptionSpec<O>[]): string {
  const rows = specs.map(usageLine);
  const w0 = Math.max(0, ...rows.map((r) => r[0].length));
  const w1 = Math.max(0, ...rows.map((r) => r[1].length));
  return `${header}\n${rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`).join("\n")}\n`;
}

export function getopt<O>(specs: readonly OptionSpec<O>[], argv: readonly string[], initial: O): ParseResult<O> {
  let opts = initial;
  const args: string[] = [];
  const errors: string[] = [];
  const apply = (o: OptionSpec<O>, value: string | undefined): string | null => {
    try {
      opts = o.apply(opts, value);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === "--") {
      args.push(...argv.slice(k + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const exact = specs.filter((o) => o.long === name);
      const matches = exact.length > 0 ? exact : specs.filter((o) => o.long.startsWith(name));
      const shown = eq < 0 ? a : a.slice(0, eq);
      if (matches.length === 0) {
        errors.push(`unrecognized option \`${shown}'\n`);
        continue;
      }
      if (matches.length > 1) {
        errors.push(`option \`${shown}' is ambiguous; could be one of:\n${usageInfo("", matches).slice(1)}`);
        continue;
      }
      const o = matches[0]!;
      let value: string | undefined;
      if (o.arg === "none") {
        if (eq >= 0) {
          errors.push(`option \`${shown}' doesn't allow an argument\n`);
          continue;
        }
      } else if (eq >= 0) value = a.slice(eq + 1);
      else if (o.arg === "required") {
        if (k + 1 >= argv.length) {
          errors.push(`option \`${shown}' requires an argument ${o.argName ?? "ARG"}\n`);
          continue;
        }
        value = argv[++k]!;
      }
      const err = apply(o, value);
      if (err !== null) return { ok: false, kind: "value", message: err };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0]!;
        rest = rest.slice(1);
        const o = specs.find((s) => s.short === c);
        if (!o) {
          errors.push(`unrecognized option \`-${c}'\n`);
          continue;
        }
        let value: string | undefined;
        if (o.arg === "required") {
          if (rest.length > 0) value = rest;
          else if (k + 1 < argv.length) value = argv[++k]!;
          else {
            errors.push(`option \`-${c}' requires an argument ${o.argName ?? "ARG"}\n`);
            break;
          }
          rest = "";
        } else if (o.arg === "optional") {
          value = rest.length > 0 ? rest : undefined;
          rest = "";
        }
        const err = apply(o, value);
        if (err !== null) return { ok: false, kind: "value", message: err };
      }
      continue;
    }
    args.push(a);
  }
  if (errors.length > 0) return { ok: false, kind: "usage", message: errors.join("") };
  return { ok: true, opts, args };
}

/** Ganeti's parseYesNo for `--opt[=yes|no]` choices: no value means yes. */
export function parseYesNo(value: string | undefined): boolean {
  if (value === undefined || value === "yes") return true;
  if (value === "no") return false;
  throw new Error(`Invalid choice '${value}', pass one of 'yes' or 'no'`);
}

/** Ganeti's `-p [FIELDS]` argument: none or "" for the default fields, `+a,b` for the defaults plus these. */
export function parseNodeFields(value: string | undefined): string[] {
  const f = value ?? "";
  return f.startsWith("+") ? ["+", ...splitString(",", f.slice(1))] : splitString(",", f);
}

type StandardFlags = { showHelp: boolean; showVersion: boolean; showCompletion: boolean };

/**
 * The start every htools program shares (Ganeti's parseOpts): parses argv, and answers --help, --version and
 * --help-completion itself (--help heads the usage with the version line, --version adds versionDetail lines). Returns the options and arguments to run with, or the exit code when it is done.
 */
export function parseProgramOptions<O extends StandardFlags>(
  program: { name: string; version: string; versionDetail?: string; specs: readonly OptionSpec<O>[]; defaults: O; completion: () => string },
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
): { opts: O; args: string[] } | number {
  const usage = () => `${program.version}\n${usageInfo(`Usage: ${program.name} [OPTION...]`, program.specs)}`;
  const parsed = getopt(program.specs, argv, program.defaults);
  if (!parsed.ok) {
    if (parsed.kind === "usage") {
      err(`Command line error: ${parsed.message}\n${usage()}`);
      return 2;
    }
    err(`Error while parsing command line arguments:\n${parsed.message}\n`);
    return 1;
  }
  if (parsed.opts.showHelp) out(usage());
  else if (parsed.opts.showVersion) out(`${program.version}\n${program.versionDetail ?? ""}`);
  else if (parsed.opts.showCompletion) out(program.completion());
  else return { opts: parsed.opts, args: parsed.args };
  return 0;
}
