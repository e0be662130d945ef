// What the VM page reads from Ganeti's query record (`fields`), typed defensively: a field the cluster could not give is null.
import type { InstanceDetail } from "./types";

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.map((v) => (typeof v === "number" ? v : Number(v))) : []);
const strings = (value: unknown): Array<string | null> => (Array.isArray(value) ? value.map((v) => (v === null || v === undefined ? null : String(v))) : []);

export const diskSizes = (vm: InstanceDetail) => numbers(vm.fields["disk.sizes"]);

export function nics(vm: InstanceDetail) {
  const macs = strings(vm.fields["nic.macs"]);
  const ips = strings(vm.fields["nic.ips"]);
  return macs.map((mac, i) => ({ mac, ip: ips[i] ?? null }));
}

export const fieldNumber = (vm: InstanceDetail, key: string) => (typeof vm.fields[key] === "number" ? (vm.fields[key] as number) : null);

/** Ganeti's ctime/mtime are seconds since the epoch. */
export const fieldTime = (vm: InstanceDetail, key: string) => {
  const s = fieldNumber(vm, key);
  return s === null ? null : new Date(s * 1000);
};
