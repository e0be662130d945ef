"use client";
// A destructive button that asks first (the browser's confirm) and says what it is doing while it runs.
import type { ReactNode } from "react";
import { dangerButton } from "./styles";

type Props = { question: string; onConfirm: () => void; pending: boolean; pendingLabel: string; disabled?: boolean; label?: string; className?: string; children: ReactNode };

export function ConfirmButton({ question, onConfirm, pending, pendingLabel, disabled, label, className = "", children }: Props) {
  return (
    <button type="button" className={`${dangerButton} ${className}`.trim()} disabled={disabled ?? pending} aria-label={label}
      onClick={() => {
        if (window.confirm(question)) onConfirm();
      }}>
      {pending ? pendingLabel : children}
    </button>
  );
}
