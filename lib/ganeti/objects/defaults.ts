// Ganeti 3.0.2's defaults (src/Ganeti/Constants.hs), as a new cluster gets them.
import type { InstancePolicy, ISpec, Params } from "./types";

export const BEPARAM_DEFAULTS = {
  minmem: 128,
  maxmem: 128,
  vcpus: 1,
  auto_balance: true,
  always_failover: false,
  spindle_use: 1,
} satisfies Params;

export const NDPARAM_DEFAULTS = {
  oob_program: "",
  spindle_count: 1,
  exclusive_storage: false,
  ovs: false,
  ovs_name: "switch1",
  ovs_link: "",
  ssh_port: 22,
  cpu_speed: 1,
} satisfies Params;

export const NICPARAM_DEFAULTS = { mode: "bridged", link: "br0", vlan: "" } satisfies Params;

export const ISPEC_MIN: ISpec = { "memory-size": 128, "cpu-count": 1, "disk-size": 1024, "disk-count": 1, "nic-count": 1, "spindle-use": 1 };
export const ISPEC_MAX: ISpec = { "memory-size": 32768, "cpu-count": 8, "disk-size": 1048576, "disk-count": 16, "nic-count": 8, "spindle-use": 12 };

export const IPOLICY_DEFAULTS: InstancePolicy = {
  minmax: [{ min: { ...ISPEC_MIN }, max: { ...ISPEC_MAX } }],
  std: { ...ISPEC_MIN },
  "disk-templates": ["drbd", "plain", "sharedfile", "file", "diskless"],
  "vcpu-ratio": 4,
  "spindle-ratio": 32,
};

export const DISKPARAM_DEFAULTS: Record<string, Params> = {
  diskless: {},
  file: {},
  sharedfile: {},
  plain: { stripes: 1 },
  drbd: {
    "c-delay-target": 1,
    "c-fill-target": 0,
    "c-max-rate": 61440,
    "c-min-rate": 4096,
    "c-plan-ahead": 20,
    "data-stripes": 1,
    "disk-barriers": "n",
    "disk-custom": "",
    "dynamic-resync": false,
    "meta-barriers": false,
    "meta-stripes": 1,
    metavg: "xenvg",
    "net-custom": "",
    protocol: "C",
    "resync-rate": 61440,
  },
};

export const HVPARAM_DEFAULTS: Record<string, Params> = {
  fake: { migration_mode: "live" },
  kvm: {
    acpi: true,
    boot_order: "disk",
    cdrom_image_path: "",
    cdrom2_image_path: "",
    cpu_cores: 0,
    cpu_mask: "all",
    cpu_sockets: 0,
    cpu_threads: 0,
    cpu_type: "",
    disk_aio: "threads",
    disk_cache: "default",
    disk_type: "paravirtual",
    initrd_path: "",
    kernel_args: "ro",
    kernel_path: "",
    keymap: "",
    kvm_extra: "",
    kvm_flag: "",
    kvm_path: "/usr/bin/qemu-system-x86_64",
    machine_version: "",
    mem_path: "",
    migration_bandwidth: 32,
    migration_downtime: 30,
    migration_mode: "live",
    migration_port: 8102,
    nic_type: "paravirtual",
    reboot_behavior: "reboot",
    root_path: "/dev/vda1",
    serial_console: true,
    serial_speed: 38400,
    usb_mouse: "",
    use_localtime: false,
    user_shutdown: false,
    vga: "",
    vhost_net: false,
    vnc_bind_address: "",
    vnc_password_file: "",
    vnc_tls: false,
  },
};

/** Hypervisor parameters with a fixed set of values (Ganeti's HT_KVM_VALID_* sets, checked by CheckParameterSyntax). */
export const HVPARAM_CHOICES: Record<string, Record<string, readonly string[]>> = {
  fake: { migration_mode: ["live", "non-live"] },
  kvm: {
    boot_order: ["floppy", "cdrom", "disk", "network"],
    nic_type: ["e1000", "i82551", "i82559er", "i82557b", "ne2k_isa", "ne2k_pci", "paravirtual", "pcnet", "rtl8139"],
    disk_type: ["ide", "mtd", "paravirtual", "pflash", "scsi", "sd", "scsi-generic", "scsi-block", "scsi-hd", "scsi-cd"],
    disk_aio: ["threads", "native", "io_uring"],
    disk_cache: ["default", "none", "writeback", "writethrough"],
    usb_mouse: ["", "mouse", "tablet"],
    reboot_behavior: ["reboot", "exit"],
    migration_mode: ["live", "non-live"],
    // "": KVM when the node's /dev/kvm is usable, QEMU's TCG otherwise.
    kvm_flag: ["", "enabled", "disabled"],
  },
};

/** DRBD keeps 128 MiB of metadata per disk on each node. */
export const DRBD_META_SIZE = 128;
/** First port handed to instances (VNC) and DRBD devices, as Ganeti's FIRST_DRBD_PORT/VNC base. */
export const FIRST_NETWORK_PORT = 11000;
export const LAST_NETWORK_PORT = 14999;
export const DEFAULT_SHUTDOWN_TIMEOUT = 120;
export const DEFAULT_MAC_PREFIX = "aa:00:00";
export const DEFAULT_VG = "xenvg";
/** Ganeti's pathutils defaults for the file and sharedfile disk templates. */
export const DEFAULT_FILE_STORAGE_DIR = "/srv/ganeti/file-storage";
export const DEFAULT_SHARED_FILE_STORAGE_DIR = "/srv/ganeti/shared-file-storage";
