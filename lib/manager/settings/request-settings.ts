// The admin's settings for VM requests and owners' destructive actions (Setting row "requests"): the sizes a request
// may ask for (ganetimgr's form allowed 512–4096 MB of memory, 1–4 vCPUs, 2–50 GB of disk: the defaults here), and
// whether an owner's delete, reinstall or rename waits for a link mailed to them, valid for how long.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { formatMiB } from "@/lib/text/format-mib";

const mib = (what: string, min: number, max: number) =>
  z.number({ message: `${what}: a size in MiB.` }).int(`${what}: a whole number of MiB.`).min(min, `${what}: at least ${formatMiB(min)}.`).max(max, `${what}: at most ${formatMiB(max)}.`);

export const requestSettingsSchema = z
  .object({
    memoryMin: mib("Smallest memory", 64, 4_194_304),
    memoryMax: mib("Largest memory", 64, 4_194_304),
    vcpusMax: z.number({ message: "Most vCPUs: a number from 1 to 256." }).int("Most vCPUs: a whole number from 1 to 256.").min(1, "Most vCPUs: at least 1.").max(256, "Most vCPUs: at most 256."),
    diskMin: mib("Smallest disk", 1, 67_108_864),
    diskMax: mib("Largest disk", 1, 67_108_864),
    /** Owners' delete, reinstall and rename need a confirmation link sent by e-mail. */
    confirmDestructive: z.boolean({ message: "Confirmation by e-mail: on or off." }),
    confirmHours: z.number({ message: "Link validity: a number of hours from 1 to 336." }).int("Link validity: whole hours.").min(1, "Link validity: at least 1 hour.").max(24 * 14, "Link validity: at most 336 hours (14 days)."),
  })
  .strict()
  .refine((s) => s.memoryMin <= s.memoryMax, { message: "Memory: the smallest size must not exceed the largest.", path: ["memoryMin"] })
  .refine((s) => s.diskMin <= s.diskMax, { message: "Disk: the smallest size must not exceed the largest.", path: ["diskMin"] });

export type RequestSettings = z.output<typeof requestSettingsSchema>;

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
  memoryMin: 512,
  memoryMax: 4096,
  vcpusMax: 4,
  diskMin: 2048,
  diskMax: 51_200,
  confirmDestructive: false,
  confirmHours: 24,
};

export const REQUEST_SETTINGS_KEY = "requests";

/** The settings as stored, or the defaults (a stored value that no longer parses counts as unset: logged). */
export async function readRequestSettings(db: Pick<Db, "setting">): Promise<RequestSettings> {
  const row = await db.setting.findUnique({ where: { key: REQUEST_SETTINGS_KEY } });
  if (!row) return DEFAULT_REQUEST_SETTINGS;
  const parsed = requestSettingsSchema.safeParse({ ...DEFAULT_REQUEST_SETTINGS, ...JSON.parse(row.value) });
  if (parsed.success) return parsed.data;
  console.error(`settings: the stored "${REQUEST_SETTINGS_KEY}" settings do not parse; using the defaults:`, parsed.error.issues[0]?.message);
  return DEFAULT_REQUEST_SETTINGS;
}
