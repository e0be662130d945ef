// The create request's NICs, OS parameters and hypervisor parameters as a user or API client sends them: what is
// taken (and how it goes to the cluster), and what is refused with the words the user sees.
import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import { createInstanceInput } from "./create-instance";
import { hvparamProblems, normaliseHvparams } from "./hvparam-allow-list";

const base = { cluster: "lab", name: "web1.example.org", diskTemplate: "plain", disks: [1024], memory: 512, vcpus: 1, os: "noop" };
const parse = (over: Record<string, unknown>) => parseInput(createInstanceInput, { ...base, ...over });
const refusal = (over: Record<string, unknown>) => {
  try {
    parse(over);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(over)}`);
};

describe("NICs", () => {
  it("default to one NIC with the cluster's defaults, as before", () => {
    expect(parse({}).nics).toEqual([{}]);
  });

  it("take Ganeti's fields, trimmed, a MAC in lower case, empty fields meaning the cluster's default", () => {
    const nics = [{}, { mode: "routed", link: " rt100 ", ip: "192.0.2.10", mac: "AA:00:00:12:34:56" }, { network: "lan", ip: "pool", mac: "generate" }, { mode: "openvswitch", link: "switch1:100", ip: "", mac: "auto" }];
    expect(parse({ nics }).nics).toEqual([{}, { mode: "routed", link: "rt100", ip: "192.0.2.10", mac: "aa:00:00:12:34:56" }, { network: "lan", ip: "pool", mac: "generate" }, { mode: "openvswitch", link: "switch1:100", mac: "auto" }]);
  });

  it("refuse what Ganeti would, naming the NIC", () => {
    const cases: Array<[unknown, string]> = [
      [[], "NICs: a VM needs at least one network card ([{}] takes the cluster's defaults)."],
      [Array.from({ length: 9 }, () => ({})), "NICs: at most 8."],
      ["br0", "NICs: a list of network cards, e.g. [{}] for one with the cluster's defaults."],
      [[{}, { ip: "192.0.2.256" }], "NIC 1: IP must be an IPv4 address such as 192.0.2.10."],
      [[{ ip: "2001:db8::1" }], "NIC 0: IP must be an IPv4 address such as 192.0.2.10."],
      [[{ ip: "pool" }], 'NIC 0: IP "pool" takes an address from a network: choose the network, or give an address.'],
      [[{ network: "lan", ip: "10.0.0" }], 'NIC 0: IP must be an IPv4 address such as 192.0.2.10, or "pool" for one from the network.'],
      [[{ mode: "nat" }], "NIC 0: mode is bridged, routed or openvswitch."],
      [[{ mode: "routed" }], "NIC 0: routed mode needs an IP address."],
      [[{ link: "br0; reboot" }], "NIC 0: link is a bridge, routing table or switch name of letters, digits, '.', '_', ':' and '-' (at most 64), e.g. br0."],
      [[{ network: "lan", link: "br1" }], "NIC 0: with a network, leave mode and link out: the network's connection to the node group sets them."],
      [[{ mac: "aa:00:00:12:34" }], 'NIC 0: MAC must be "auto" (or "generate") or an address such as aa:00:00:12:34:56.'],
      [[{ mac: "01:00:5e:00:00:01" }], "NIC 0: MAC 01:00:5e:00:00:01 is a multicast address: its first byte must be even, e.g. aa:00:00:12:34:56."],
      [[{ mac: "aa:00:00:00:00:01" }, {}, { mac: "AA:00:00:00:00:01" }], "NIC 2: MAC aa:00:00:00:00:01 is NIC 0's too."],
      [[{ bridge: "br0" }], "NIC 0: unknown field bridge (a NIC has network, mode, link, ip and mac)."],
      [[{ link: 7 }], "NIC 0: link must be text."],
    ];
    for (const [nics, message] of cases) expect(refusal({ nics }), JSON.stringify(nics)).toBe(message);
  });
});

describe("OS parameters", () => {
  it("are names and text values, none by default", () => {
    expect(parse({}).osparams).toEqual({});
    expect(parse({ osparams: { image: "/srv/images/debian.img", "root-size": "4G", dhcp_on: "" } }).osparams).toEqual({ image: "/srv/images/debian.img", "root-size": "4G", dhcp_on: "" });
  });

  it("refuse names Ganeti cannot have and values that are not text", () => {
    expect(refusal({ osparams: { "bad name": "x" } })).toBe("OS parameter 'bad name': a name of letters, digits, '_' and '-' (at most 64), as the OS declares it.");
    expect(refusal({ osparams: { size: 4 } })).toBe("OS parameter size: the value must be text.");
    expect(refusal({ osparams: { image: "x".repeat(1025) } })).toBe("OS parameter image: at most 1024 characters.");
    expect(refusal({ osparams: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`p${i}`, ""])) })).toBe("OS parameters: at most 32.");
    expect(refusal({ osparams: ["image=/x"] })).toBe('OS parameters: an object of names and values, e.g. {"name": "value"}.');
  });
});

describe("hypervisor parameters", () => {
  it("are names with text or yes/no values; the hypervisor, when named, is one Ganeti knows", () => {
    expect(parse({ hypervisor: "kvm", hvparams: { boot_order: "network", acpi: false } })).toMatchObject({ hypervisor: "kvm", hvparams: { boot_order: "network", acpi: false } });
    expect(refusal({ hvparams: { "Boot Order": "disk" } })).toBe("Hypervisor parameter 'Boot Order': a name of lower-case letters, digits and '_', e.g. boot_order.");
    expect(refusal({ hvparams: { cpu_cores: 2 } })).toBe("Hypervisor parameter cpu_cores: the value must be text, true or false.");
    expect(refusal({ hypervisor: "qemu" })).toBe("Hypervisor: kvm, xen-pvm, xen-hvm, lxc, chroot or fake (one the cluster enables).");
  });

  it("a user may set only the allow-list's, with its values; a cluster admin any (the cluster checks those)", () => {
    expect(hvparamProblems("kvm", { boot_order: "network", nic_type: "e1000", acpi: "false", usb_mouse: "", keymap: "de" }, false)).toEqual([]);
    expect(hvparamProblems("kvm", { kernel_args: "init=/bin/sh", boot_order: "floppy", acpi: "maybe", keymap: "German" }, false).map((p) => p.message)).toEqual([
      "Not allowed: setting the hypervisor parameter kernel_args (users may set boot_order, nic_type, disk_type, disk_cache, acpi, serial_console, use_localtime, usb_mouse, keymap, reboot_behavior on kvm VMs) needs the cluster's admin permission.",
      "Hypervisor parameter boot_order: one of disk, network.",
      "Hypervisor parameter acpi: true or false.",
      "Hypervisor parameter keymap: e.g. en-us or de.",
    ]);
    expect(hvparamProblems("kvm", { kernel_args: "ro console=ttyS0", boot_order: "floppy" }, true).map((p) => p.message)).toEqual(["Hypervisor parameter boot_order: one of disk, network."]);
    expect(hvparamProblems("fake", { migration_mode: "non-live" }, false)[0]).toMatchObject({ forbidden: true, field: "hvparams.migration_mode", message: expect.stringContaining("(users may set none on fake VMs)") });
    expect(normaliseHvparams("kvm", { acpi: "false", serial_console: "true", boot_order: "disk" })).toEqual({ acpi: false, serial_console: true, boot_order: "disk" });
  });
});
