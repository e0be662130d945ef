// Instances: the list (stubs or bulk), creation (request format version 1), one instance, its removal, its detailed
// information (a job), and its console (lib/rapi/rlib2.py R_2_instances, R_2_instances_name*, …_info, …_console).
import { bulkListJson, I_ADJUST, I_FIELDS, instanceObject, mapFields, queryValues, uriList } from "../bulk";
import { badRequest, notFound, RapiHttpError } from "../http-errors";
import { submitOpcode } from "../opcode-body";
import { boolArg, dryRun, isPlainObject, jsonTypeName, useBulk, useLocking, type RapiRequest } from "../request";
import type { Resource } from "../routes";

async function listInstances(req: RapiRequest) {
  useLocking(req); // Ganeti checks ?lock=; reading Gantry's configuration needs no locks
  if (useBulk(req)) return bulkListJson(req.backend, "instance", I_FIELDS, I_ADJUST);
  const rows = await queryValues(req.backend, "instance", ["name"]);
  return uriList(rows.map((r) => String(r[0])), "/2/instances/", "id");
}

/** hvparams' usb_devices may be separated by spaces; the opcode wants commas (Ganeti's _ConvertUsbDevices). */
function convertUsbDevices(body: Record<string, unknown>): void {
  const hv = body.hvparams;
  if (isPlainObject(hv) && typeof hv.usb_devices === "string") body.hvparams = { ...hv, usb_devices: hv.usb_devices.replace(/ /g, ",") };
}

function createInstance(req: RapiRequest) {
  if (!isPlainObject(req.body)) throw badRequest(`Body contents: Type is '${jsonTypeName(req.body)}', but 'dict' is expected`);
  const version = req.body.__version__ ?? 0;
  if (version === 0) throw badRequest("Instance creation request version 0 is no longer supported");
  if (version !== 1) throw badRequest(`Unsupported request data version ${JSON.stringify(version)}`);
  const body = { ...req.body };
  delete body.__version__;
  convertUsbDevices(body);
  return submitOpcode(req, "OP_INSTANCE_CREATE", { body, rename: { os: "os_type", name: "instance_name" }, statics: { dry_run: dryRun(req) } });
}

async function getInstance(req: RapiRequest) {
  useLocking(req); // Ganeti checks ?lock=; reading Gantry's configuration needs no locks
  const [row] = await queryValues(req.backend, "instance", I_FIELDS, [req.items[0]!]);
  if (!row) throw notFound();
  return instanceObject(mapFields(I_FIELDS, row));
}

async function getConsole(req: RapiRequest) {
  const [row] = await queryValues(req.backend, "instance", ["console", "oper_state"], [req.items[0]!]);
  if (!row) throw notFound();
  const [console, running] = row;
  if (!running) throw new RapiHttpError(503, "Instance console unavailable");
  if (!isPlainObject(console)) throw new RapiHttpError(503, "Instance console unavailable: the hypervisor gives no console information");
  return console;
}

export const INSTANCE_RESOURCES: Resource[] = [
  { path: "/2/instances", name: "instances", GET: listInstances, POST: createInstance },
  {
    path: "/2/instances/{name}",
    name: "instances_name",
    GET: getInstance,
    DELETE: (req) =>
      submitOpcode(req, "OP_INSTANCE_REMOVE", { statics: { instance_name: req.items[0], ignore_failures: false, dry_run: dryRun(req) } }),
  },
  {
    path: "/2/instances/{name}/info",
    name: "instances_name_info",
    GET: (req) => submitOpcode(req, "OP_INSTANCE_QUERY_DATA", { body: {}, statics: { instances: [req.items[0]], static: boolArg(req, "static") } }),
  },
  { path: "/2/instances/{name}/console", name: "instances_name_console", GET: getConsole, access: { GET: ["write", "read"] } },
  { path: "/2/instances-multi-alloc", name: "instances_multi_alloc", unsupported: "Gantry has no multi-allocation yet; create the instances one by one" },
];
