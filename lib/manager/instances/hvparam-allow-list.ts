// The hypervisor parameters a user may set on a new VM, per hypervisor, with their values. Only a cluster admin may
// set others. The list exists because many hypervisor parameters reach past the VM: kernel_path, initrd_path and the
// cdrom/floppy image paths read files of the node into the guest; kernel_args and root_path boot the node's kernel as
// told; kvm_extra and kvm_path run arbitrary QEMU arguments or programs; cpu_mask pins the VM onto the cores other VMs
// use; mem_path, security_model, security_domain and use_chroot change how the VM is isolated from the host;
// vnc_bind_address and the vnc_tls/password settings expose or weaken the console; migration_* use the nodes' network;
// cpu_type and machine_version can keep a VM from migrating. What remains changes only the VM's own virtual hardware.
// The fake hypervisor (and the others Gantry does not run) offer none.
// Pure: the create wizard shows these specs, and the create and its dry run check against them.
import { refusalText } from "@/lib/manager/access/rules";

export type HvParamSpec =
  | { name: string; kind: "choice"; choices: string[]; doc: string }
  | { name: string; kind: "flag"; doc: string }
  | { name: string; kind: "text"; pattern: string; example: string; doc: string };

export const USER_HVPARAMS: Record<string, HvParamSpec[]> = {
  kvm: [
    { name: "boot_order", kind: "choice", choices: ["disk", "network"], doc: "Boot from the first disk, or from the network (PXE) to install over it." },
    { name: "nic_type", kind: "choice", choices: ["paravirtual", "e1000", "rtl8139", "i82551", "i82557b", "i82559er", "ne2k_pci", "ne2k_isa", "pcnet"], doc: "The network card the guest sees: paravirtual (virtio) is fastest; e1000 or rtl8139 for guests without virtio drivers." },
    { name: "disk_type", kind: "choice", choices: ["paravirtual", "ide", "scsi-hd"], doc: "How disks are attached: paravirtual (virtio) is fastest; ide for guests without virtio drivers." },
    { name: "disk_cache", kind: "choice", choices: ["default", "none", "writethrough"], doc: "Host caching of the VM's disks." },
    { name: "acpi", kind: "flag", doc: "ACPI, so that the guest shuts down cleanly when asked." },
    { name: "serial_console", kind: "flag", doc: "A serial console on the VM's first serial port." },
    { name: "use_localtime", kind: "flag", doc: "The clock in local time rather than UTC (Windows guests expect it)." },
    { name: "usb_mouse", kind: "choice", choices: ["", "mouse", "tablet"], doc: "A USB pointer: tablet keeps the console's pointer in step with the guest's." },
    { name: "keymap", kind: "text", pattern: "^[a-z]{2}(-[a-z]{2,3})?$", example: "en-us or de", doc: "Keyboard layout of the VNC console." },
    { name: "reboot_behavior", kind: "choice", choices: ["reboot", "exit"], doc: "What a reboot inside the guest does: reboot, or stop the VM." },
  ],
};

export const userHvparams = (hypervisor: string): HvParamSpec[] => USER_HVPARAMS[hypervisor] ?? [];

export type HvParamProblem = { field: string; message: string; param: string; forbidden: boolean };

/** What a user who is not a cluster admin is told when setting `param`: which ones they may set instead. */
export function notOnListText(hypervisor: string, param: string): string {
  const names = userHvparams(hypervisor).map((s) => s.name);
  return `setting the hypervisor parameter ${param} (${names.length ? `users may set ${names.join(", ")} on ${hypervisor} VMs` : `users may set none on ${hypervisor} VMs`})`;
}

/**
 * The problems of hypervisor parameters for a VM of `hypervisor`: a name outside the list unless `mayAny` (a cluster
 * admin, whose other parameters the cluster checks), and a value that is not one the list allows.
 */
export function hvparamProblems(hypervisor: string, params: Record<string, string | boolean>, mayAny: boolean): HvParamProblem[] {
  const problems: HvParamProblem[] = [];
  const specs = new Map(userHvparams(hypervisor).map((s) => [s.name, s]));
  for (const [param, value] of Object.entries(params)) {
    const field = `hvparams.${param}`;
    const spec = specs.get(param);
    if (!spec) {
      if (!mayAny) problems.push({ field, param, forbidden: true, message: refusalText("cluster.any_hvparams", notOnListText(hypervisor, param)) });
      continue;
    }
    const wrong = valueProblem(spec, value);
    if (wrong) problems.push({ field, param, forbidden: false, message: `Hypervisor parameter ${param}: ${wrong}` });
  }
  return problems;
}

function valueProblem(spec: HvParamSpec, value: string | boolean): string | null {
  if (spec.kind === "flag") return typeof value === "boolean" || value === "true" || value === "false" ? null : "true or false.";
  if (typeof value !== "string") return spec.kind === "choice" ? `one of ${choiceText(spec.choices)}.` : `text, e.g. ${spec.example}.`;
  if (spec.kind === "choice") return spec.choices.includes(value) ? null : `one of ${choiceText(spec.choices)}.`;
  return new RegExp(spec.pattern).test(value) ? null : `e.g. ${spec.example}.`;
}

const choiceText = (choices: string[]) => choices.map((c) => (c === "" ? '"" (none)' : c)).join(", ");

/** Flags as booleans ("true" → true), as Ganeti's RAPI clients send them. */
export function normaliseHvparams(hypervisor: string, params: Record<string, string | boolean>): Record<string, string | boolean> {
  const flags = new Set(userHvparams(hypervisor).filter((s) => s.kind === "flag").map((s) => s.name));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, flags.has(k) && typeof v === "string" ? v === "true" : v]));
}
