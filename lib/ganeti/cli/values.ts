// Ganeti's option value syntax: "-B vcpus=2,memory=1G", "--disk 0:size=10G,mode=rw", "-n pnode:snode",
// "--net 0:link=br1", "no_"/"-" prefixes for false and removal.
import { ParameterError } from "../errors";

/** "a=1,b=2,no_c,-d" → {a:"1", b:"2", c:false, d:null (reset to default)}. */
export function parseKeyValues(text: string, what: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!text) return result;
  for (const item of splitUnescaped(text)) {
    if (!item) continue;
    const eq = item.indexOf("=");
    if (eq === -1) {
      if (item.startsWith("no_")) result[item.slice(3)] = false;
      else if (item.startsWith("-")) result[item.slice(1)] = null;
      else result[item] = true;
      continue;
    }
    const key = item.slice(0, eq);
    if (!key) throw new ParameterError(`Missing key in ${what} value '${item}'`);
    result[key] = item.slice(eq + 1);
  }
  return result;
}

/** "0:size=10G,mode=rw" → [0, {size:"10G", mode:"rw"}]; "add:size=1G" → ["add", {...}]. */
export function parseIndexedParams(text: string, what: string): [number | string, Record<string, unknown>] {
  const colon = text.indexOf(":");
  const head = colon === -1 ? text : text.slice(0, colon);
  const rest = colon === -1 ? "" : text.slice(colon + 1);
  const index = /^\d+$/.test(head) ? Number(head) : head;
  if (index === "") throw new ParameterError(`Invalid ${what} specification '${text}': expected INDEX:key=value,... (e.g. 0:size=10G)`);
  return [index, parseKeyValues(rest, what)];
}

/** Splits on commas that are not escaped with a backslash. */
function splitUnescaped(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && text[i + 1] === ",") {
      current += ",";
      i++;
    } else if (text[i] === ",") {
      parts.push(current);
      current = "";
    } else current += text[i];
  }
  parts.push(current);
  return parts;
}

/** "yes"/"no" option values (Ganeti's --offline=yes). */
export function parseYesNo(value: string | undefined, option: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (["yes", "true", "1", "on"].includes(v)) return true;
  if (["no", "false", "0", "off"].includes(v)) return false;
  throw new ParameterError(`Invalid value '${value}' for ${option}: use yes or no`);
}
