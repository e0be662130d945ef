"use server";
import { isAppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { changePassword } from "@/lib/manager/users/change-password";
import { getSessionUser } from "@/lib/web/session";

export type FormState = { ok: boolean; message: string } | null;

export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await getSessionUser();
  if (!actor) return { ok: false, message: "Your session has ended; sign in again." };
  try {
    await changePassword(db(), {
      actor,
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
