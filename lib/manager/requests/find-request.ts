// A VM request by its number, or not_found saying so.
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import type { VmRequest } from "@/lib/generated/prisma/client";

export function requestNumber(value: unknown): number {
  const id = typeof value === "number" ? value : Number(String(value ?? "").replace(/^#/, ""));
  if (!Number.isInteger(id) || id < 1) throw new AppError("wrong_input", `Request: a request number such as 12 (got '${String(value).slice(0, 40)}').`);
  return id;
}

export async function findRequest(db: Pick<Db, "vmRequest">, value: unknown): Promise<VmRequest> {
  const id = requestNumber(value);
  const request = await db.vmRequest.findUnique({ where: { id } });
  if (!request) throw new AppError("not_found", `There is no VM request #${id}.`);
  return request;
}

export const requestObject = (request: Pick<VmRequest, "id" | "hostname">) => ({ type: "vm_request", id: String(request.id), name: request.hostname });
