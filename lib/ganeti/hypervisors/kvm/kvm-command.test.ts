import { describe, expect, it } from "vitest";
import { kvmCommand, type KvmInstanceFacts } from "./kvm-command";

const HOST = { runtimeDir: "/run/gantry/kvm", kvmUsable: true };
const UUID = "6f1c2a9e-3b7d-4c1e-9a2f-0d8e5b4c3a21";

function instance(overrides: Partial<KvmInstanceFacts> = {}): KvmInstanceFacts {
  return { name: "web1.example.com", uuid: UUID, memory: 512, vcpus: 2, disks: [], nics: [], network_port: 11000, hvparams: {}, ...overrides };
}

/** The value following `flag` in argv (the first occurrence). */
function option(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at < 0 ? undefined : argv[at + 1];
}

describe("kvmCommand", () => {
  it("builds Ganeti's defaults into QEMU's argv: paused, QMP, pidfile, serial socket, no NIC, no VNC", () => {
    const command = kvmCommand(instance(), HOST);
    expect(command.binary).toBe("/usr/bin/qemu-system-x86_64");
    expect(command.accel).toBe("kvm");
    expect(command.argv).toEqual([
      "-name", "web1.example.com",
      "-uuid", UUID,
      "-m", "512",
      "-smp", "2",
      "-machine", "pc,accel=kvm",
      "-S",
      "-pidfile", "/run/gantry/kvm/web1.example.com.pid",
      "-qmp", "unix:/run/gantry/kvm/web1.example.com.qmp,server=on,wait=off",
      "-device", "virtio-balloon",
      "-nic", "none",
      "-serial", "unix:/run/gantry/kvm/web1.example.com.serial,server=on,wait=off",
      "-display", "none",
    ]);
    expect(command.argv).not.toContain("-daemonize");
    expect(command).toMatchObject({ qmpSocket: "/run/gantry/kvm/web1.example.com.qmp", pidfile: "/run/gantry/kvm/web1.example.com.pid", vnc: null });
  });

  it("puts VNC on display network_port − 5900 at vnc_bind_address, always with a password, and a USB tablet", () => {
    const command = kvmCommand(instance({ hvparams: { vnc_bind_address: "192.0.2.10" } }), HOST);
    expect(option(command.argv, "-vnc")).toBe("192.0.2.10:5100,password=on");
    expect(command.vnc).toEqual({ host: "192.0.2.10", port: 11000 });
    expect(command.argv.slice(-3)).toEqual(["-usb", "-device", "usb-tablet"]);
    expect(option(kvmCommand(instance({ hvparams: { vnc_bind_address: "0.0.0.0" } }), HOST).argv, "-vnc")).toBe(":5100,password=on");
    expect(option(kvmCommand(instance({ hvparams: { vnc_bind_address: "::1" } }), HOST).argv, "-vnc")).toBe("[::1]:5100,password=on");
  });

  it("falls back to TCG when /dev/kvm is not usable, and obeys kvm_flag", () => {
    expect(kvmCommand(instance(), { ...HOST, kvmUsable: false })).toMatchObject({ accel: "tcg" });
    expect(option(kvmCommand(instance(), { ...HOST, kvmUsable: false }).argv, "-machine")).toBe("pc,accel=tcg");
    expect(kvmCommand(instance({ hvparams: { kvm_flag: "disabled" } }), HOST).accel).toBe("tcg");
    expect(() => kvmCommand(instance({ hvparams: { kvm_flag: "enabled" } }), { ...HOST, kvmUsable: false })).toThrow(
      "kvm_flag is 'enabled' but /dev/kvm is not usable on this node",
    );
  });

  it("attaches disks by disk_type with their format, and boots from the first one", () => {
    const disks = [
      { path: "/srv/gantry/web1/disk0.img", format: "raw" as const },
      { path: "/srv/gantry/web1/disk1.qcow2", format: "qcow2" as const },
    ];
    const paravirtual = kvmCommand(instance({ disks }), HOST).argv;
    expect(option(paravirtual, "-boot")).toBe("c");
    expect(paravirtual.filter((_, i) => paravirtual[i - 1] === "-drive")).toEqual([
      "file=/srv/gantry/web1/disk0.img,format=raw,if=virtio,aio=threads",
      "file=/srv/gantry/web1/disk1.qcow2,format=qcow2,if=virtio,aio=threads",
    ]);
    const ide = kvmCommand(instance({ disks: disks.slice(0, 1), hvparams: { disk_type: "ide", disk_cache: "writeback" } }), HOST).argv;
    expect(option(ide, "-drive")).toBe("file=/srv/gantry/web1/disk0.img,format=raw,if=ide,aio=threads,cache=writeback");
    // As Ganeti: native AIO forces the host page cache off.
    const native = kvmCommand(instance({ disks: disks.slice(0, 1), hvparams: { disk_aio: "native" } }), HOST).argv;
    expect(option(native, "-drive")).toBe("file=/srv/gantry/web1/disk0.img,format=raw,if=virtio,aio=native,cache=none");
  });

  it("boots a CD-ROM on IDE with boot_order cdrom, and a kernel with root, args and the serial console", () => {
    const cdrom = kvmCommand(instance({ hvparams: { boot_order: "cdrom", cdrom_image_path: "/srv/iso/debian,12.iso" } }), HOST).argv;
    expect(option(cdrom, "-boot")).toBe("d");
    expect(option(cdrom, "-drive")).toBe("file=/srv/iso/debian,,12.iso,media=cdrom,format=raw,if=ide");
    const kernel = kvmCommand(instance({ hvparams: { kernel_path: "/boot/vmlinuz", initrd_path: "/boot/initrd.img", kernel_args: "ro quiet" } }), HOST).argv;
    expect(option(kernel, "-kernel")).toBe("/boot/vmlinuz");
    expect(option(kernel, "-initrd")).toBe("/boot/initrd.img");
    expect(option(kernel, "-append")).toBe("root=/dev/vda1 ro quiet console=ttyS0,38400");
    expect(kernel).not.toContain("-boot");
  });

  it("maps the other hvparams: acpi, use_localtime, machine_version, reboot_behavior, serial_console, cpu topology, NICs", () => {
    const argv = kvmCommand(
      instance({
        nics: [{ mac: "aa:00:00:12:34:56", tap: "gnt.web1.0" }],
        hvparams: {
          acpi: false,
          use_localtime: true,
          machine_version: "pc-i440fx-7.2",
          reboot_behavior: "exit",
          serial_console: false,
          cpu_cores: 2,
          cpu_sockets: 1,
          nic_type: "e1000",
          boot_order: "network",
        },
      }),
      HOST,
    ).argv;
    expect(option(argv, "-machine")).toBe("pc-i440fx-7.2,accel=kvm,acpi=off");
    expect(option(argv, "-rtc")).toBe("base=localtime");
    expect(argv).toContain("-no-reboot");
    expect(option(argv, "-serial")).toBe("none");
    expect(option(argv, "-smp")).toBe("2,cores=2,sockets=1");
    expect(option(argv, "-boot")).toBe("n");
    expect(option(argv, "-netdev")).toBe("tap,id=nic0,ifname=gnt.web1.0,script=no,downscript=no");
    expect(argv).toContain("e1000,netdev=nic0,mac=aa:00:00:12:34:56");
    expect(argv).not.toContain("-nic");
  });

  it("adds -incoming for a migration target, keeping the rest of the command line", () => {
    const plain = kvmCommand(instance(), HOST).argv;
    const target = kvmCommand(instance(), HOST, { incoming: { host: "127.0.0.1", port: 8102 } }).argv;
    expect(target).toEqual([...plain, "-incoming", "tcp:127.0.0.1:8102"]);
  });

  it.each([
    [{ disk_type: "floppy" }, "Parameter 'disk_type' fails syntax check: must be one of ide, mtd, paravirtual"],
    [{ disk_type: "scsi-hd" }, "disk_type 'scsi-hd' is not supported by Gantry's kvm yet"],
    [{ acpi: "maybe" }, "Parameter 'acpi' must be a boolean, not 'maybe'"],
    [{ kvm_flag: "on" }, "Parameter 'kvm_flag' fails syntax check: must be one of enabled, disabled"],
    [{ boot_order: "cdrom" }, "boot_order is 'cdrom' but cdrom_image_path is empty"],
    [{ boot_order: "network" }, "boot_order is 'network' but the instance has no NIC to boot from"],
    [{ vnc_bind_address: "eth0" }, "Invalid vnc_bind_address 'eth0': expected an IPv4 or IPv6 address"],
    [{ vnc_bind_address: "999.1.1.1" }, "Invalid vnc_bind_address '999.1.1.1'"],
    [{ machine_version: "pc;rm" }, "Invalid machine_version 'pc;rm'"],
    [{ kernel_path: "vmlinuz" }, "kernel_path must be an absolute path (got 'vmlinuz')"],
    [{ kvm_path: "qemu" }, "kvm_path must be an absolute path (got 'qemu')"],
    [{ vga: "fancy" }, "Invalid vga 'fancy': expected std, cirrus"],
    [{ vnc_tls: true }, "vnc_tls is not supported by Gantry's kvm yet"],
    [{ no_such_param: 1 }, "Unknown hypervisor parameter 'no_such_param'"],
  ])("refuses hvparams %j with a message saying what to fix", (hvparams, message) => {
    expect(() => kvmCommand(instance({ hvparams }), HOST)).toThrow(message);
  });

  it("refuses facts QEMU cannot take", () => {
    expect(() => kvmCommand(instance({ hvparams: { vnc_bind_address: "127.0.0.1" }, network_port: 5900 }), HOST)).toThrow(
      "VNC needs the instance's network_port above 5900 (got 5900)",
    );
    expect(() => kvmCommand(instance({ name: "web/1" }), HOST)).toThrow("Instance name 'web/1' cannot name a QEMU process");
    expect(() => kvmCommand(instance({ memory: 0 }), HOST)).toThrow("memory must be a whole number of MiB above 0 (got 0)");
    expect(() => kvmCommand(instance({ disks: [{ path: "disk0.img", format: "raw" }] }), HOST)).toThrow("disk 0 must be an absolute path");
    expect(() => kvmCommand(instance({ disks: [{ path: "/d.vmdk", format: "vmdk" as "raw" }] }), HOST)).toThrow("only raw and qcow2 are supported");
    expect(() => kvmCommand(instance({ nics: [{ mac: "nope", tap: "tap0" }] }), HOST)).toThrow("NIC 0 has an invalid MAC address 'nope'");
    expect(() => kvmCommand(instance(), { ...HOST, runtimeDir: `/${"r".repeat(100)}` })).toThrow("longer than the 107 bytes a UNIX socket allows");
    expect(() => kvmCommand(instance(), { ...HOST, runtimeDir: "run" })).toThrow("runtime directory must be an absolute path");
  });
});
