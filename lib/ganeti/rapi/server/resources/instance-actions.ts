// Operations on one instance, each an opcode submitted as a job: startup, shutdown, reboot, modify, migrate,
// failover, rename, reinstall, disks (lib/rapi/rlib2.py R_2_instances_name_*). Values from the URL and the query
// string are fixed ("static"); the body fills the rest of the opcode.
import { z } from "zod";
import { badRequest } from "../http-errors";
import { fillOpcode, submitOpcode } from "../opcode-body";
import { boolArg, dryRun, isPlainObject, parseBody, stringArg, submit, useForce, type RapiRequest } from "../request";
import type { Resource } from "../routes";
import { tagsResource } from "./tags";

const instance = (req: RapiRequest) => req.items[0]!;

/** Python's truth of a parsed body: null, {}, [], "", 0 and false count as no body. */
const truthy = (body: unknown) => (isPlainObject(body) ? Object.keys(body).length > 0 : Array.isArray(body) ? body.length > 0 : Boolean(body));

function modify(req: RapiRequest) {
  const body = isPlainObject(req.body) ? { ...req.body } : req.body;
  if (isPlainObject(body) && isPlainObject(body.hvparams) && typeof body.hvparams.usb_devices === "string") {
    body.hvparams = { ...body.hvparams, usb_devices: body.hvparams.usb_devices.replace(/ /g, ",") };
  }
  return submitOpcode(req, "OP_INSTANCE_SET_PARAMS", {
    body,
    rename: { custom_beparams: "beparams", custom_hvparams: "hvparams" },
    statics: { instance_name: instance(req) },
  });
}

const reinstallBody = z
  .object({
    os: z.string().nullable().optional(),
    start: z.boolean({ message: "'start' must be true or false" }).default(true),
    osparams: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict();

/** A job of two or three opcodes: shutdown, reinstall, and startup unless start is false. */
function reinstall(req: RapiRequest) {
  let body: unknown;
  const hasQuery = [...req.query.keys()].some((k) => k !== "reason");
  if (truthy(req.body)) {
    if (hasQuery) throw badRequest("Can't combine query and body parameters");
    body = req.body;
  } else if (hasQuery) {
    body = { os: stringArg(req, "os") ?? null, start: !boolArg(req, "nostartup") };
  } else body = {};
  const { os, start, osparams } = parseBody(reinstallBody, body);
  const name = instance(req);
  const ops = [
    fillOpcode(req, "OP_INSTANCE_SHUTDOWN", {}, { statics: { instance_name: name } }),
    fillOpcode(req, "OP_INSTANCE_REINSTALL", {}, { statics: { instance_name: name, ...(os ? { os_type: os } : {}), ...(osparams ? { osparams } : {}) } }),
    ...(start ? [fillOpcode(req, "OP_INSTANCE_STARTUP", {}, { statics: { instance_name: name, force: false } })] : []),
  ];
  return submit(req, ops);
}

function replaceDisks(req: RapiRequest) {
  let data: unknown = req.body;
  if (!truthy(req.body)) {
    const fromQuery: Record<string, unknown> = {};
    for (const key of ["remote_node", "mode", "disks", "iallocator"]) {
      const value = stringArg(req, key);
      if (value !== undefined) fromQuery[key] = value;
    }
    data = fromQuery;
  }
  // disks: a list of indexes, or "0,1" (Ganeti accepts both).
  if (isPlainObject(data) && "disks" in data) {
    data = { ...data };
    const d = data as Record<string, unknown>;
    if (!d.disks) delete d.disks;
    else if (typeof d.disks === "string") {
      const parts = d.disks.split(",");
      if (!parts.every((p) => /^\s*\d+\s*$/.test(p))) throw badRequest(`Invalid disk index passed: ${d.disks} ('disks' is a list of disk indexes, or "0,1")`);
      d.disks = parts.map((p) => Number(p));
    }
  }
  return submitOpcode(req, "OP_INSTANCE_REPLACE_DISKS", { body: data, statics: { instance_name: instance(req) } });
}

export const INSTANCE_ACTION_RESOURCES: Resource[] = [
  {
    path: "/2/instances/{name}/startup",
    name: "instances_name_startup",
    PUT: (req) =>
      submitOpcode(req, "OP_INSTANCE_STARTUP", {
        body: {},
        statics: { instance_name: instance(req), force: useForce(req), dry_run: dryRun(req), no_remember: boolArg(req, "no_remember") },
      }),
  },
  {
    path: "/2/instances/{name}/shutdown",
    name: "instances_name_shutdown",
    PUT: (req) =>
      submitOpcode(req, "OP_INSTANCE_SHUTDOWN", { statics: { instance_name: instance(req), no_remember: boolArg(req, "no_remember"), dry_run: dryRun(req) } }),
  },
  {
    path: "/2/instances/{name}/reboot",
    name: "instances_name_reboot",
    POST: (req) =>
      submitOpcode(req, "OP_INSTANCE_REBOOT", {
        statics: {
          instance_name: instance(req),
          reboot_type: stringArg(req, "type") ?? "hard",
          ignore_secondaries: boolArg(req, "ignore_secondaries"),
          dry_run: dryRun(req),
        },
      }),
  },
  { path: "/2/instances/{name}/modify", name: "instances_name_modify", PUT: modify },
  { path: "/2/instances/{name}/migrate", name: "instances_name_migrate", PUT: (req) => submitOpcode(req, "OP_INSTANCE_MIGRATE", { statics: { instance_name: instance(req) } }) },
  { path: "/2/instances/{name}/failover", name: "instances_name_failover", PUT: (req) => submitOpcode(req, "OP_INSTANCE_FAILOVER", { statics: { instance_name: instance(req) } }) },
  { path: "/2/instances/{name}/rename", name: "instances_name_rename", PUT: (req) => submitOpcode(req, "OP_INSTANCE_RENAME", { statics: { instance_name: instance(req) } }) },
  { path: "/2/instances/{name}/reinstall", name: "instances_name_reinstall", POST: reinstall },
  { path: "/2/instances/{name}/replace-disks", name: "instances_name_replace_disks", POST: replaceDisks },
  {
    path: "/2/instances/{name}/activate-disks",
    name: "instances_name_activate_disks",
    PUT: (req) => submitOpcode(req, "OP_INSTANCE_ACTIVATE_DISKS", { body: {}, statics: { instance_name: instance(req), ignore_size: boolArg(req, "ignore_size") } }),
  },
  {
    path: "/2/instances/{name}/deactivate-disks",
    name: "instances_name_deactivate_disks",
    PUT: (req) => submitOpcode(req, "OP_INSTANCE_DEACTIVATE_DISKS", { body: {}, statics: { instance_name: instance(req), force: useForce(req) } }),
  },
  {
    path: "/2/instances/{name}/disk/{id}/grow",
    name: "instances_name_disk_grow",
    POST: (req) => submitOpcode(req, "OP_INSTANCE_GROW_DISK", { statics: { instance_name: instance(req), disk: Number(req.items[1]) } }),
  },
  { path: "/2/instances/{name}/recreate-disks", name: "instances_name_recreate_disks", unsupported: "Gantry cannot recreate disks yet" },
  { path: "/2/instances/{name}/prepare-export", name: "instances_name_prepare_export", unsupported: "Gantry has no instance export yet" },
  { path: "/2/instances/{name}/export", name: "instances_name_export", unsupported: "Gantry has no instance export yet" },
  tagsResource("/2/instances/{name}/tags", "instances_name_tags", "instance"),
];
