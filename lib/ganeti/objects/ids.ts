import crypto from "node:crypto";

export const newUuid = () => crypto.randomUUID();

/** The MAC addresses in use: the cluster's, plus those a job is about to hand out. */
export type MacRegistry = { has(mac: string): boolean; add(mac: string): void };

/** A MAC under the cluster's prefix (e.g. aa:00:00) not in `taken`. */
export function generateMac(prefix: string, taken: MacRegistry): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const tail = [...crypto.randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":");
    const mac = `${prefix}:${tail}`;
    if (!taken.has(mac)) return mac;
  }
  throw new Error(`no free MAC address left under prefix ${prefix}`);
}

/** Seconds since the epoch as a float, Ganeti's timestamp form. */
export const nowSeconds = () => Date.now() / 1000;
