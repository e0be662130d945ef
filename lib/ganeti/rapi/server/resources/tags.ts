// Tags of the cluster, a node, a group or an instance (rlib2's _R_Tags). GET lists them; PUT adds and DELETE removes
// the tags given as repeated ?tag= arguments (Ganeti ignores the body; a JSON list of strings is accepted here too
// when no ?tag= is given, as Ganeti's documentation describes). Both answer with a job id.
import { z } from "zod";
import { submitOpcode } from "../opcode-body";
import { dryRun, parseBody, stringArgs, type RapiRequest } from "../request";
import type { Resource } from "../routes";

type TagKind = "cluster" | "node" | "nodegroup" | "instance";

const tagList = z.array(z.string({ message: "each tag must be a string" }), { message: "expected a list of tags" });

function tagsOf(req: RapiRequest): string[] {
  const tags = stringArgs(req, "tag");
  if (tags.length || req.body === null) return tags;
  return parseBody(tagList, req.body);
}

export function tagsResource(path: string, name: string, kind: TagKind): Resource {
  const target = (req: RapiRequest) => (kind === "cluster" ? null : req.items[0]!);
  const change = (opId: string) => (req: RapiRequest) =>
    submitOpcode(req, opId, { body: {}, statics: { kind, name: target(req), tags: tagsOf(req), dry_run: dryRun(req) } });
  return {
    path,
    name,
    GET: (req) => req.backend.queryTags(kind, target(req) ?? ""),
    PUT: change("OP_TAGS_SET"),
    DELETE: change("OP_TAGS_DEL"),
  };
}
