// The shape of a query filter sent to /2/query (Ganeti's qlang, src/Ganeti/Query/Language.hs readFilter): null, or
// [operator, …operands] where "&" and "|" take filters, "!" one filter, "?" one field name, and the comparisons a field
// name and a value. Checked at the edge so that a malformed filter is a 400 saying where it is wrong; which operators
// and fields exist is left to the query engine, which names them.
import { badRequest } from "../http-errors";

const LOGIC = new Set(["&", "|"]);
const COMPARISONS = new Set(["=", "==", "!=", "<", ">", "<=", ">=", "=~", "=[]"]);

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** Throws a 400 naming the first malformed part; the body's nesting is already bounded (parseBody). */
export function checkQueryFilter(filter: unknown, where = "qfilter"): void {
  if (filter === null) return;
  const fail = (why: string): never => {
    throw badRequest(`Invalid query filter at ${where}: ${why}`);
  };
  if (!Array.isArray(filter) || typeof filter[0] !== "string") fail(`expected [operator, operands…], got ${show(filter)}`);
  const [op, ...args] = filter as [string, ...unknown[]];
  if (LOGIC.has(op)) {
    args.forEach((operand, i) => checkQueryFilter(operand, `${where}[${i + 1}]`));
  } else if (op === "!") {
    if (args.length !== 1) fail(`'!' takes exactly one filter, got ${args.length} operands`);
    checkQueryFilter(args[0], `${where}[1]`);
  } else if (op === "?") {
    if (args.length !== 1 || typeof args[0] !== "string") fail(`'?' takes exactly one field name, got ${show(args)}`);
  } else if (COMPARISONS.has(op)) {
    if (args.length !== 2 || typeof args[0] !== "string") fail(`'${op}' takes a field name and a value, got ${show(args)}`);
    const value = args[1];
    const ok = op === "=~" ? typeof value === "string" : typeof value === "string" || typeof value === "boolean" || Number.isSafeInteger(value);
    if (!ok) fail(`the value compared with '${op}' must be ${op === "=~" ? "a regular expression (a string)" : "a string or an integer"}, got ${show(value)}`);
  }
}
