"use server";
import { headers } from "next/headers";
import { isAppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { changePassword } from "@/lib/manager/users/change-password";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";
import { getSessionUser } from "@/lib/web/session";

export type FormState = { ok: boolean; message: string } | null;

export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const user = await getSessionUser();
  if (!user) return { ok: false, message: "Your session has ended; sign in again." };
  try {
    const ip = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "";
    await changePassword(db(), {
      actor: { id: user.id, email: user.email, isAdmin: user.isAdmin, ip },
      input: {
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      },
    });
    return { ok: true, message: "Password changed." };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
