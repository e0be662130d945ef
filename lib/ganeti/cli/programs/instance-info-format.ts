// gnt-instance info's text, from OP_INSTANCE_QUERY_DATA's result, laid out as Ganeti prints it.
import { ctime } from "../jobs";

type Info = Record<string, any>;

/** Values as Ganeti's Python prints them: None, True, False. */
const none = (v: unknown) => (v === null || v === undefined || v === "" ? "None" : py(v));
const py = (v: unknown) => (typeof v === "boolean" ? (v ? "True" : "False") : String(v));
const ts = (v: number) => ctime([Math.floor(v), Math.round((v % 1) * 1e6)]);

function params(actual: Record<string, unknown>, custom: Record<string, unknown>, indent: string): string[] {
  return Object.keys(actual)
    .sort()
    .map((key) => `${indent}${key}: ${key in custom ? py(custom[key]) : `default (${py(actual[key])})`}`);
}

function disk(d: Info, indent: string): string[] {
  const lines = [
    `${indent}- ${d.iv_name}: ${d.dev_type}, size ${d.size >= 1024 ? `${(d.size / 1024).toFixed(1)}G` : `${d.size}M`}`,
    `${indent}  access mode: ${d.mode}`,
    `${indent}  logical_id: ${Array.isArray(d.logical_id) ? d.logical_id.slice(0, d.dev_type === "drbd" ? 5 : undefined).join("/") : d.logical_id}`,
  ];
  if (d.pstatus) lines.push(`${indent}  on primary: ${d.pstatus.dev_path} ${d.pstatus.is_degraded ? (d.pstatus.sync_percent !== null ? `*RECOVERING* ${d.pstatus.sync_percent}%` : "*DEGRADED*") : "(ok)"}`);
  if (d.sstatus) lines.push(`${indent}  on secondary: ${d.sstatus.dev_path} ${d.sstatus.ldisk_status === "faulty" ? "*FAULTY*" : d.sstatus.is_degraded ? "*DEGRADED*" : "(ok)"}`);
  lines.push(`${indent}  name: ${none(d.name)}`, `${indent}  UUID: ${d.uuid}`);
  for (const child of d.children ?? []) lines.push(...disk(child, `${indent}    `).map((l, i) => (i === 0 ? l.replace("- ", "- child ") : l)));
  return lines;
}

export function formatInstanceInfo(i: Info): string {
  const lines = [
    `Instance name: ${i.name}`,
    `UUID: ${i.uuid}`,
    `Serial number: ${i.serial_no}`,
    `Creation time: ${ts(i.ctime)}`,
    `Modification time: ${ts(i.mtime)}`,
    `State: configured to be ${i.config_state}${i.run_state ? `, actual state is ${i.run_state}` : ""}`,
    "  Nodes:",
    `    - primary: ${i.pnode}`,
    `      group: ${i.pnode_group_name} (UUID ${i.pnode_group_uuid})`,
    `    - secondaries: ${(i.snodes as string[]).map((s, n) => `${s} (group ${i.snodes_group_names[n]}, group UUID ${i.snodes_group_uuids[n]})`).join(", ")}`,
    `  Operating system: ${i.os}`,
    `  Operating system parameters:${Object.keys(i.os_actual).length ? "" : " "}`,
    ...params(i.os_actual, i.os_instance, "    "),
    `  Allocated network port: ${none(i.network_port)}`,
    `  Hypervisor: ${i.hypervisor}`,
    "  Hypervisor parameters:",
    ...params(i.hv_actual, i.hv_instance, "    "),
    "  Back-end parameters:",
    ...params(i.be_actual, i.be_instance, "    "),
    "  NICs:",
    ...(i.nics as Info[]).flatMap((nic, n) => [
      `    - nic/${n}: `,
      `      MAC: ${nic.mac}`,
      `      IP: ${none(nic.ip)}`,
      `      mode: ${nic.mode}`,
      `      link: ${nic.link}`,
      `      vlan: ${nic.vlan ?? ""}`,
      `      network: ${none(nic.network)}`,
      `      UUID: ${nic.uuid}`,
      `      name: ${none(nic.name)}`,
    ]),
    `  Disk template: ${i.disk_template}`,
    "  Disks:",
    ...(i.disks as Info[]).flatMap((d) => disk(d, "    ")),
    `  Tags: ${(i.tags as string[]).length ? (i.tags as string[]).join(", ") : "(none)"}`,
  ];
  return lines.join("\n");
}
