// A VM template's fields: the sizes and settings a create request would carry, checked the same way.
import { z } from "zod";
import { DISK_TEMPLATES } from "@/lib/manager/instances/disk-templates";
import { mebibytes, vcpuCount } from "@/lib/manager/instances/instance-sizes";

export const templateFields = z
  .object({
    /** A cluster's short name; absent: every cluster (superusers only). */
    cluster: z.string().trim().min(1).optional(),
    name: z.string().trim().min(1, "Name: 1–64 characters.").max(64, "Name: 1–64 characters."),
    description: z.string().trim().max(500, "Description: at most 500 characters.").default(""),
    diskTemplate: z.enum(DISK_TEMPLATES, { message: `Disk template: ${DISK_TEMPLATES.slice(0, -1).join(", ")} or ${DISK_TEMPLATES.at(-1)}.` }),
    disks: z.array(mebibytes("Disk size", 1)).max(16, "Disks: at most 16.").default([]),
    memory: mebibytes("Memory", 64),
    vcpus: vcpuCount,
    os: z.string().trim().max(200).default(""),
  })
  .strict();

export type TemplateFields = z.output<typeof templateFields>;
