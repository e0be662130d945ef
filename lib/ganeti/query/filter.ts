// Ganeti's query filters (qfilter): S-expressions such as ["&", ["==", "status", "running"], ["=~", "name", "^web"]].
import { QueryFilterError } from "../errors";

export type QueryFilter = unknown[] | null;

/** Returns the fields a filter reads, so they can be computed even when not requested. */
export function filterFields(filter: QueryFilter): string[] {
  if (!filter) return [];
  const [op, ...args] = filter as [string, ...unknown[]];
  if (op === "&" || op === "|") return args.flatMap((f) => filterFields(f as QueryFilter));
  if (op === "!") return filterFields(args[0] as QueryFilter);
  return typeof args[0] === "string" ? [args[0]] : [];
}

export function compileFilter(filter: QueryFilter): (row: (name: string) => unknown) => boolean {
  if (filter === null || filter === undefined) return () => true;
  if (!Array.isArray(filter) || typeof filter[0] !== "string") throw new QueryFilterError(`Invalid filter: ${JSON.stringify(filter)}`);
  const [op, ...args] = filter as [string, ...unknown[]];
  switch (op) {
    case "&":
    case "|": {
      const parts = args.map((f) => compileFilter(f as QueryFilter));
      return op === "&" ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
    }
    case "!": {
      const inner = compileFilter(args[0] as QueryFilter);
      return (row) => !inner(row);
    }
    case "?": {
      const [name] = args as [string];
      return (row) => Boolean(row(name));
    }
    case "=":
    case "==":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=": {
      const [name, value] = args as [string, unknown];
      return (row) => compare(op, row(name), value);
    }
    case "=~": {
      const [name, pattern] = args as [string, string];
      let re: RegExp;
      try {
        re = new RegExp(pattern);
      } catch (error) {
        throw new QueryFilterError(`Invalid regular expression '${pattern}': ${(error as Error).message}`);
      }
      return (row) => re.test(String(row(name) ?? ""));
    }
    case "=[]": {
      const [name, value] = args as [string, unknown];
      return (row) => {
        const list = row(name);
        return Array.isArray(list) && list.includes(value);
      };
    }
    default:
      throw new QueryFilterError(`Unknown filter operator '${op}'`);
  }
}

function compare(op: string, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case "=":
    case "==":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "<":
      return (actual as number) < (expected as number);
    case ">":
      return (actual as number) > (expected as number);
    case "<=":
      return (actual as number) <= (expected as number);
    default:
      return (actual as number) >= (expected as number);
  }
}

/** A filter matching any of the given names (gnt-* list NAME…). */
export const namesFilter = (names: string[]): QueryFilter => (names.length ? ["|", ...names.map((n) => ["=", "name", n])] : null);
