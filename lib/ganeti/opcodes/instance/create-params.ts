// OP_INSTANCE_CREATE's parameters, with Ganeti's names and defaults (src/Ganeti/OpParams.hs). Modes other than
// `create` and the import/forthcoming fields are accepted for compatibility and refused in the preconditions.
import { z } from "zod";
import { DISK_TEMPLATES, HYPERVISORS } from "../../objects/types";
import { nonEmptyString, opParams } from "../definition";

const size = z.union([z.number().int().positive(), z.string()]);

export const diskParam = z
  .object({
    size: size.optional(),
    mode: z.enum(["rw", "ro"]).default("rw"),
    name: z.string().nullable().optional(),
    spindles: z.number().int().nullable().optional(),
    vg: z.string().optional(),
    metavg: z.string().optional(),
    adopt: z.string().optional(),
    provider: z.string().optional(),
  })
  .strict();

export const nicParam = z
  .object({
    mac: z.string().default("auto"),
    ip: z.string().nullable().optional(),
    mode: z.enum(["bridged", "routed", "openvswitch"]).optional(),
    link: z.string().optional(),
    network: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
    vlan: z.string().optional(),
    bridge: z.string().optional(),
  })
  .strict();

const params = z.record(z.string(), z.unknown());

export const createParams = opParams({
  instance_name: z.string().min(1),
  mode: z.enum(["create", "import", "remote-import"]).default("create"),
  os_type: nonEmptyString().nullable().optional(),
  force_variant: z.boolean().default(false),
  osparams: params.default({}),
  osparams_private: params.default({}),
  osparams_secret: params.default({}),
  no_install: z.boolean().nullable().optional(),
  pnode: nonEmptyString().nullable().optional(),
  pnode_uuid: nonEmptyString().nullable().optional(),
  snode: nonEmptyString().nullable().optional(),
  snode_uuid: nonEmptyString().nullable().optional(),
  iallocator: nonEmptyString().nullable().optional(),
  group_name: nonEmptyString().nullable().optional(),
  opportunistic_locking: z.boolean().default(false),
  ignore_ipolicy: z.boolean().default(false),
  disk_template: z.enum(DISK_TEMPLATES),
  disks: z.array(diskParam).default([]),
  file_driver: z.enum(["loop", "blktap", "blktap2"]).nullable().optional(),
  file_storage_dir: nonEmptyString().nullable().optional(),
  wait_for_sync: z.boolean().default(true),
  nics: z.array(nicParam).default([]),
  ip_check: z.boolean().default(false),
  name_check: z.boolean().default(false),
  conflicts_check: z.boolean().default(true),
  beparams: params.default({}),
  hvparams: params.default({}),
  hypervisor: z.enum(HYPERVISORS).nullable().optional(),
  identify_defaults: z.boolean().default(false),
  start: z.boolean().default(true),
  tags: z.array(nonEmptyString()).default([]),
  forthcoming: z.boolean().default(false),
  commit: z.boolean().default(false),
  instance_communication: z.boolean().default(false),
  helper_startup_timeout: z.number().int().min(0).nullable().optional(),
  helper_shutdown_timeout: z.number().int().min(0).nullable().optional(),
  src_node: nonEmptyString().nullable().optional(),
  src_path: nonEmptyString().nullable().optional(),
  compress: z.string().default("none"),
  source_handshake: z.array(z.unknown()).nullable().optional(),
  source_x509_ca: nonEmptyString().nullable().optional(),
  source_instance_name: nonEmptyString().nullable().optional(),
  source_shutdown_timeout: z.number().int().min(0).default(120),
});

export type CreateParams = z.infer<typeof createParams>;
