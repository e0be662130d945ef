// RAPI's resource table (Ganeti's lib/rapi/connector.py): a path pattern, the handler per method, and who may call
// each method. Names match [\w._-]+, job ids and disk indexes \d+; a path that matches nothing is 404, a method a
// resource lacks is 501 (not 405), as Ganeti answers.
import { notImplemented } from "./http-errors";
import type { Access, Handler, HttpMethod } from "./request";

export type Resource = {
  /** e.g. "/2/instances/{name}/shutdown", "/2/jobs/{id}/wait". */
  path: string;
  /** Ganeti's rlib2 class name without R_2_ (reason trail): "instances_name_shutdown". */
  name: string;
  GET?: Handler;
  PUT?: Handler;
  POST?: Handler;
  DELETE?: Handler;
  /**
   * Who may call each method: [] is anonymous (Ganeti's default for GET), ["write"] is the default for the others,
   * ["read", "write"] means any user with either option.
   */
  access?: Partial<Record<HttpMethod, Access[]>>;
  /** Why a method Ganeti has is missing here (the 501 message). */
  unsupported?: string;
};

export const METHODS: HttpMethod[] = ["GET", "PUT", "POST", "DELETE"];

export function accessFor(resource: Resource, method: HttpMethod): Access[] {
  return resource.access?.[method] ?? (method === "GET" ? [] : ["write"]);
}

const NAME = "([\\w.-]+)";
const ID = "(\\d+)";

type Compiled = { resource: Resource; pattern: RegExp | null };

export class Router {
  private readonly exact = new Map<string, Resource>();
  private readonly patterns: Compiled[] = [];

  constructor(resources: Resource[]) {
    for (const resource of resources) {
      if (!resource.path.includes("{")) {
        this.exact.set(resource.path, resource);
        continue;
      }
      const source = resource.path
        .split(/(\{name\}|\{id\})/)
        .map((part) => (part === "{name}" ? NAME : part === "{id}" ? ID : part.replace(/[.*+?^$()[\]|\\]/g, "\\$&")))
        .join("");
      this.patterns.push({ resource, pattern: new RegExp(`^${source}$`) });
    }
  }

  /** The resource and the values taken from the path, or null (404). */
  match(path: string): { resource: Resource; items: string[] } | null {
    const exact = this.exact.get(path);
    if (exact) return { resource: exact, items: [] };
    for (const { resource, pattern } of this.patterns) {
      const m = pattern!.exec(path);
      if (m) return { resource, items: m.slice(1) };
    }
    return null;
  }
}

/** The handler for a method, or the 501 Ganeti answers for a method the resource does not have. */
export function handlerFor(resource: Resource, method: string, path: string): Handler {
  const handler = METHODS.includes(method as HttpMethod) ? resource[method as HttpMethod] : undefined;
  if (handler) return handler;
  const why = resource.unsupported ? `; ${resource.unsupported}` : "";
  throw notImplemented(`Method ${method} is unsupported for path ${path}${why}`);
}
