// How the client writes paths and query strings: names as path segments, write options, tag lists.
import { RapiConfigError } from "./errors";
import type { TagTarget, WriteOptions } from "./requests";
import type { RapiCall } from "./transport";

/** A name as one path segment; an empty one would silently address the collection instead. */
export function segment(name: string, what: string): string {
  if (typeof name !== "string" || !name.trim()) throw new RapiConfigError(`The ${what} name is required (got ${JSON.stringify(name)})`);
  return encodeURIComponent(name);
}

export function jobSegment(id: number): string {
  if (!Number.isInteger(id) || id < 0) throw new RapiConfigError(`A job id is a non-negative integer, not ${String(id)}`);
  return String(id);
}

export function writeQuery(options: WriteOptions): NonNullable<RapiCall["query"]> {
  return [
    ["dry-run", options.dryRun || undefined],
    ["reason", options.reason],
  ];
}

export function tagQuery(tags: string[], options: WriteOptions, method: string): NonNullable<RapiCall["query"]> {
  if (!tags.length) throw new RapiConfigError(`${method} needs at least one tag`);
  return [...tags.map((t): [string, string] => ["tag", t]), ...writeQuery(options)];
}

export function tagsPath(target: TagTarget): string {
  if (target === "cluster") return "/2/tags";
  if ("node" in target) return `/2/nodes/${segment(target.node, "node")}/tags`;
  if ("group" in target) return `/2/groups/${segment(target.group, "group")}/tags`;
  return `/2/instances/${segment(target.instance, "instance")}/tags`;
}

/** The object without its undefined values (Ganeti treats a key that is present as given). */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
