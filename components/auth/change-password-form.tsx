"use client";
import { useActionState } from "react";
import { changePasswordAction, type FormState } from "@/app/(console)/account/actions";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, null);
  return (
    <form action={action} className="max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <label className="block text-sm font-medium text-slate-700">Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">New password (at least 8 characters)
        <input name="newPassword" type="password" autoComplete="new-password" required className={field} />
      </label>
      <label className="block text-sm font-medium text-slate-700">New password again
        <input name="confirmPassword" type="password" autoComplete="new-password" required className={field} />
      </label>
      {state && (
        <p role={state.ok ? "status" : "alert"}
          className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}>
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
