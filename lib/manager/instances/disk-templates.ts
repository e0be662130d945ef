// Ganeti's disk templates, with what each means to someone choosing one (the wizard, the VM templates' form, the VM
// list's filter). Plain data: the browser imports it too.
export const DISK_TEMPLATES = ["plain", "drbd", "file", "sharedfile", "diskless", "rbd", "ext", "blockdev"] as const;
export type DiskTemplate = (typeof DISK_TEMPLATES)[number];

export const DISK_TEMPLATE_WORDS: Record<string, string> = {
  plain: "local disk on one node", drbd: "mirrored on two nodes (can migrate)", file: "files on one node", sharedfile: "files on shared storage",
  diskless: "no disks", rbd: "Ceph RBD", ext: "external storage", blockdev: "existing block devices",
};

/** "plain — local disk on one node", for choices. */
export const diskTemplateChoice = (t: string) => (DISK_TEMPLATE_WORDS[t] ? `${t} — ${DISK_TEMPLATE_WORDS[t]}` : t);
