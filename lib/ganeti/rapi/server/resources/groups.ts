// Node groups: the list (stubs keyed by name, or bulk), one group, add/remove/modify/rename/assign-nodes and tags
// (lib/rapi/rlib2.py R_2_groups*).
import { G_FIELDS, queryObjects, queryValues, uriList } from "../bulk";
import { notFound } from "../http-errors";
import { submitOpcode } from "../opcode-body";
import { dryRun, useBulk, useForce, useLocking, type RapiRequest } from "../request";
import type { Resource } from "../routes";
import { tagsResource } from "./tags";

async function listGroups(req: RapiRequest) {
  if (useBulk(req)) return queryObjects(req.backend, "group", G_FIELDS);
  const rows = await queryValues(req.backend, "group", ["name"]);
  return uriList(rows.map((r) => String(r[0])), "/2/groups/", "name");
}

async function getGroup(req: RapiRequest) {
  useLocking(req); // Ganeti checks ?lock= here; Gantry's queries of the configuration need no locks.
  const [group] = await queryObjects(req.backend, "group", G_FIELDS, [req.items[0]!]);
  if (!group) throw notFound();
  return group;
}

const group = (req: RapiRequest) => req.items[0];

export const GROUP_RESOURCES: Resource[] = [
  {
    path: "/2/groups",
    name: "groups",
    GET: listGroups,
    POST: (req) => submitOpcode(req, "OP_GROUP_ADD", { rename: { name: "group_name" }, statics: { dry_run: dryRun(req) } }),
  },
  {
    path: "/2/groups/{name}",
    name: "groups_name",
    GET: getGroup,
    DELETE: (req) => submitOpcode(req, "OP_GROUP_REMOVE", { body: {}, statics: { group_name: group(req), dry_run: dryRun(req) } }),
  },
  {
    path: "/2/groups/{name}/modify",
    name: "groups_name_modify",
    PUT: (req) =>
      submitOpcode(req, "OP_GROUP_SET_PARAMS", {
        rename: { custom_ndparams: "ndparams", custom_ipolicy: "ipolicy", custom_diskparams: "diskparams" },
        statics: { group_name: group(req) },
      }),
  },
  {
    path: "/2/groups/{name}/rename",
    name: "groups_name_rename",
    PUT: (req) => submitOpcode(req, "OP_GROUP_RENAME", { statics: { group_name: group(req), dry_run: dryRun(req) } }),
  },
  {
    path: "/2/groups/{name}/assign-nodes",
    name: "groups_name_assign_nodes",
    PUT: (req) => submitOpcode(req, "OP_GROUP_ASSIGN_NODES", { statics: { group_name: group(req), dry_run: dryRun(req), force: useForce(req) } }),
  },
  tagsResource("/2/groups/{name}/tags", "groups_name_tags", "nodegroup"),
];
