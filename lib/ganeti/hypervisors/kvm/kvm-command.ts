// QEMU's command line for one instance, from the instance's facts and its hvparams (Ganeti's names and defaults, as
// hv_kvm's _GenerateKVMRuntime builds it). Pure: no file is read or written, so the same facts give the same argv on
// the source and the target of a live migration. The instance always starts paused (-S): the runtime sets the VNC
// password over QMP before the guest runs a single instruction, then sends `cont`.
import path from "node:path";
import { HypervisorError } from "../../errors";
import { HVPARAM_DEFAULTS } from "../../objects/defaults";
import type { Params } from "../../objects/types";
import { checkHvparams } from "../../opcodes/instance/params-check";
import { VNC_BASE_PORT } from "../console";

export type KvmDisk = { path: string; format: "raw" | "qcow2" };
/** A NIC on a tap device the node made beforehand (the tap's creation belongs to the node, not to this argv). */
export type KvmNic = { mac: string; tap: string };

export type KvmInstanceFacts = {
  name: string;
  uuid: string;
  /** MiB */
  memory: number;
  vcpus: number;
  disks: KvmDisk[];
  nics: KvmNic[];
  /** The instance's VNC port (display = port − 5900); null when it has none. */
  network_port: number | null;
  /** The instance's own hvparams; missing ones take the cluster defaults. */
  hvparams: Params;
};

export type KvmHostFacts = {
  /** Where the QMP socket, pidfile and serial socket of the node's instances live. */
  runtimeDir: string;
  /** Whether /dev/kvm can be opened for reading and writing on this node. */
  kvmUsable: boolean;
};

export type KvmCommand = {
  binary: string;
  argv: string[];
  accel: "kvm" | "tcg";
  qmpSocket: string;
  pidfile: string;
  serialSocket: string | null;
  vnc: { host: string; port: number } | null;
};

/** Linux's sun_path holds 108 bytes, the terminating NUL included. */
const MAX_SOCKET_PATH = 107;
const NIC_DEVICES: Record<string, string> = { paravirtual: "virtio-net-pci", ne2k_pci: "ne2k_pci", ne2k_isa: "ne2k_isa" };
const DRIVE_INTERFACES: Record<string, string> = { paravirtual: "virtio", ide: "ide", scsi: "scsi", sd: "sd", mtd: "mtd", pflash: "pflash" };
const VGA_CHOICES = ["std", "cirrus", "vmware", "qxl", "virtio", "none"];

/** The name QEMU shows and the base of the instance's runtime files: no path separators, no option separators. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;
const TAP = /^[A-Za-z0-9_.-]{1,15}$/;
const MACHINE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

export function kvmHvparams(hvparams: Params): Params {
  return checkHvparams("kvm", { ...HVPARAM_DEFAULTS.kvm, ...hvparams });
}

export function kvmCommand(instance: KvmInstanceFacts, host: KvmHostFacts, options: { incoming?: { host: string; port: number } } = {}): KvmCommand {
  const hv = kvmHvparams(instance.hvparams);
  checkFacts(instance);
  const files = runtimeFiles(host.runtimeDir, instance.name, hv.serial_console === true);
  const accel = chooseAccel(String(hv.kvm_flag), host.kvmUsable);
  const machine = String(hv.machine_version) || "pc";
  if (!MACHINE.test(machine)) refuse("machine_version", machine, "a QEMU machine type such as pc or pc-i440fx-7.2 (see qemu-system-x86_64 -machine help)");
  unsupported(hv, "kvm_extra", "");
  unsupported(hv, "vnc_tls", false);

  const argv = ["-name", instance.name, "-uuid", instance.uuid, "-m", String(instance.memory), "-smp", smp(instance.vcpus, hv)];
  argv.push("-machine", `${machine},accel=${accel}${hv.acpi ? "" : ",acpi=off"}`);
  if (hv.cpu_type) argv.push("-cpu", String(hv.cpu_type));
  argv.push("-S", "-pidfile", files.pidfile, "-qmp", `unix:${escapeOption(files.qmpSocket)},server=on,wait=off`);
  // No -daemonize: the runtime spawns QEMU itself, so the PID it holds is QEMU's and it sees the exit and its reason.
  argv.push("-device", "virtio-balloon");
  if (hv.reboot_behavior === "exit") argv.push("-no-reboot");
  if (hv.use_localtime) argv.push("-rtc", "base=localtime");
  if (hv.mem_path) argv.push("-mem-path", absolute("mem_path", String(hv.mem_path)), "-mem-prealloc");
  argv.push(...bootArgs(instance, hv));
  argv.push(...diskArgs(instance.disks, hv));
  argv.push(...nicArgs(instance.nics, hv));
  argv.push("-serial", files.serialSocket ? `unix:${escapeOption(files.serialSocket)},server=on,wait=off` : "none");
  const vnc = vncEndpoint(String(hv.vnc_bind_address), instance.network_port);
  argv.push(...displayArgs(vnc, hv));
  if (options.incoming) argv.push("-incoming", `tcp:${hostForUri(options.incoming.host)}:${options.incoming.port}`);
  return { binary: absolute("kvm_path", String(hv.kvm_path)), argv, accel, ...files, vnc };
}

function checkFacts(instance: KvmInstanceFacts): void {
  if (!NAME.test(instance.name)) throw new HypervisorError(`Instance name '${instance.name}' cannot name a QEMU process: use letters, digits, '.', '_' and '-'`);
  if (!UUID.test(instance.uuid)) throw new HypervisorError(`Instance ${instance.name} has no valid UUID ('${instance.uuid}')`);
  if (!Number.isInteger(instance.memory) || instance.memory < 1) throw new HypervisorError(`Instance ${instance.name}: memory must be a whole number of MiB above 0 (got ${instance.memory})`);
  if (!Number.isInteger(instance.vcpus) || instance.vcpus < 1) throw new HypervisorError(`Instance ${instance.name}: vcpus must be a whole number above 0 (got ${instance.vcpus})`);
}

function runtimeFiles(dir: string, name: string, serial: boolean) {
  if (!path.isAbsolute(dir)) throw new HypervisorError(`The KVM runtime directory must be an absolute path (got '${dir}')`);
  const qmpSocket = path.join(dir, `${name}.qmp`);
  const serialSocket = serial ? path.join(dir, `${name}.serial`) : null;
  for (const socket of [qmpSocket, serialSocket]) {
    if (socket && Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
      throw new HypervisorError(`The socket path ${socket} is longer than the ${MAX_SOCKET_PATH} bytes a UNIX socket allows: use a shorter runtime directory`);
    }
  }
  return { qmpSocket, serialSocket, pidfile: path.join(dir, `${name}.pid`) };
}

function chooseAccel(flag: string, kvmUsable: boolean): "kvm" | "tcg" {
  if (flag === "disabled") return "tcg";
  if (flag === "enabled" && !kvmUsable) throw new HypervisorError("kvm_flag is 'enabled' but /dev/kvm is not usable on this node: set kvm_flag to '' (KVM when available) or 'disabled' (TCG)");
  return kvmUsable ? "kvm" : "tcg";
}

/** Ganeti's -smp: vcpus, then the cores/threads/sockets topology when set. */
function smp(vcpus: number, hv: Params): string {
  const parts = [String(vcpus)];
  for (const key of ["cores", "threads", "sockets"]) if (hv[`cpu_${key}`]) parts.push(`${key}=${hv[`cpu_${key}`]}`);
  return parts.join(",");
}

/** kernel_path wins over boot_order, as in Ganeti; otherwise the boot device the order names. */
function bootArgs(instance: KvmInstanceFacts, hv: Params): string[] {
  const args: string[] = [];
  const order = String(hv.boot_order);
  const cdrom = String(hv.cdrom_image_path);
  if (hv.kernel_path) {
    args.push("-kernel", absolute("kernel_path", String(hv.kernel_path)));
    if (hv.initrd_path) args.push("-initrd", absolute("initrd_path", String(hv.initrd_path)));
    const append = [`root=${hv.root_path}`, String(hv.kernel_args)];
    if (hv.serial_console) append.push(`console=ttyS0,${hv.serial_speed}`);
    args.push("-append", append.filter(Boolean).join(" "));
  } else if (order === "cdrom") {
    if (!cdrom) throw new HypervisorError("boot_order is 'cdrom' but cdrom_image_path is empty: give the ISO image to boot from");
    args.push("-boot", "d");
  } else if (order === "network") {
    if (instance.nics.length === 0) throw new HypervisorError("boot_order is 'network' but the instance has no NIC to boot from");
    args.push("-boot", "n");
  } else if (order === "floppy") {
    throw new HypervisorError("boot_order 'floppy' is not supported by Gantry's kvm: boot from disk, cdrom or network");
  } else if (instance.disks.length > 0) {
    args.push("-boot", "c");
  }
  // The boot CD-ROM sits on IDE, which every firmware boots from; a second one follows the disks' interface.
  if (cdrom) args.push("-drive", `file=${escapeOption(absolute("cdrom_image_path", cdrom))},media=cdrom,format=raw,if=${order === "cdrom" && !hv.kernel_path ? "ide" : driveInterface(hv)}`);
  if (hv.cdrom2_image_path) args.push("-drive", `file=${escapeOption(absolute("cdrom2_image_path", String(hv.cdrom2_image_path)))},media=cdrom,format=raw,if=${driveInterface(hv)}`);
  return args;
}

function diskArgs(disks: KvmDisk[], hv: Params): string[] {
  const iface = driveInterface(hv);
  // As Ganeti: native AIO needs the host page cache bypassed, so it forces cache=none.
  const cache = hv.disk_aio === "native" ? "none" : String(hv.disk_cache);
  return disks.flatMap((disk, index) => {
    if (disk.format !== "raw" && disk.format !== "qcow2") throw new HypervisorError(`Disk ${index} of the instance has format '${disk.format}': only raw and qcow2 are supported`);
    const drive = [`file=${escapeOption(absolute(`disk ${index}`, disk.path))}`, `format=${disk.format}`, `if=${iface}`, `aio=${hv.disk_aio}`];
    if (cache !== "default") drive.push(`cache=${cache}`);
    return ["-drive", drive.join(",")];
  });
}

function driveInterface(hv: Params): string {
  const iface = DRIVE_INTERFACES[String(hv.disk_type)];
  if (!iface) throw new HypervisorError(`disk_type '${hv.disk_type}' is not supported by Gantry's kvm yet: use one of ${Object.keys(DRIVE_INTERFACES).join(", ")}`);
  return iface;
}

/** No NIC means `-nic none`: without it QEMU adds a user-mode NIC and the firmware tries to boot from the network. */
function nicArgs(nics: KvmNic[], hv: Params): string[] {
  if (nics.length === 0) return ["-nic", "none"];
  const device = NIC_DEVICES[String(hv.nic_type)] ?? String(hv.nic_type);
  return nics.flatMap((nic, index) => {
    if (!MAC.test(nic.mac)) throw new HypervisorError(`NIC ${index} has an invalid MAC address '${nic.mac}'`);
    if (!TAP.test(nic.tap)) throw new HypervisorError(`NIC ${index} has an invalid tap device name '${nic.tap}'`);
    const netdev = `tap,id=nic${index},ifname=${nic.tap},script=no,downscript=no${hv.vhost_net ? ",vhost=on" : ""}`;
    return ["-netdev", netdev, "-device", `${device},netdev=nic${index},mac=${nic.mac}`];
  });
}

/** Ganeti's rule: VNC when vnc_bind_address is set, on display network_port − 5900. */
function vncEndpoint(bind: string, networkPort: number | null): { host: string; port: number } | null {
  if (!bind) return null;
  if (!IPV4.test(bind) && !(bind.includes(":") && IPV6.test(bind))) {
    refuse("vnc_bind_address", bind, "an IPv4 or IPv6 address of this node (0.0.0.0 for all)");
  }
  if (networkPort === null || !Number.isInteger(networkPort) || networkPort <= VNC_BASE_PORT || networkPort > 65535) {
    throw new HypervisorError(`VNC needs the instance's network_port above ${VNC_BASE_PORT} (got ${networkPort}): allocate one or clear vnc_bind_address`);
  }
  return { host: bind, port: networkPort };
}

function displayArgs(vnc: { host: string; port: number } | null, hv: Params): string[] {
  const args: string[] = [];
  if (vnc) {
    const display = vnc.port - VNC_BASE_PORT;
    const where = vnc.host === "0.0.0.0" ? "" : hostForUri(vnc.host);
    // Every console needs a password; the runtime sets it over QMP before the guest runs.
    args.push("-vnc", `${where}:${display},password=on`);
  } else {
    args.push("-display", "none");
  }
  if (hv.keymap) args.push("-k", String(hv.keymap));
  if (hv.vga) {
    if (!VGA_CHOICES.includes(String(hv.vga))) refuse("vga", String(hv.vga), VGA_CHOICES.join(", "));
    args.push("-vga", String(hv.vga));
  }
  const mouse = String(hv.usb_mouse) || (vnc ? "tablet" : "");
  // A tablet reports absolute positions, so the pointer in a VNC viewer and in the guest stay together.
  if (mouse) args.push("-usb", "-device", `usb-${mouse}`);
  return args;
}

function hostForUri(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** In QEMU's option strings a comma separates options; a literal one is written twice. */
function escapeOption(value: string): string {
  return value.replaceAll(",", ",,");
}

function absolute(what: string, file: string): string {
  if (!path.isAbsolute(file)) throw new HypervisorError(`${what} must be an absolute path (got '${file}')`);
  return file;
}

function unsupported(hv: Params, key: string, only: unknown): void {
  if (hv[key] !== only) throw new HypervisorError(`${key} is not supported by Gantry's kvm yet: leave it at its default (${JSON.stringify(only)})`);
}

function refuse(key: string, value: string, expected: string): never {
  throw new HypervisorError(`Invalid ${key} '${value}': expected ${expected}`);
}
