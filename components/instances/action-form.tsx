"use client";
// The body of an action's dialog: its fields, the API's refusal verbatim, Cancel and the action's own button.
import type { ReactNode } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { dangerButton, primaryButton, secondaryButton } from "@/components/ui/styles";

type Props = { onSubmit: () => void; onCancel: () => void; submitLabel: string; pending: boolean; error: unknown; disabled?: boolean; danger?: boolean; children?: ReactNode };

export function ActionForm({ onSubmit, onCancel, submitLabel, pending, error, disabled = false, danger = false, children }: Props) {
  return (
    <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); if (!disabled && !pending) onSubmit(); }}>
      {children}
      <ErrorAlert error={error} />
      <div className="flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={onCancel}>Cancel</button>
        <button type="submit" className={danger ? `${dangerButton} font-medium` : primaryButton} disabled={disabled || pending}>{pending ? "Submitting…" : submitLabel}</button>
      </div>
    </form>
  );
}
