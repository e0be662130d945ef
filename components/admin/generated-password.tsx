"use client";
// A password the server generated, shown once: copy it now, it cannot be shown again.
import { CopyButton } from "@/components/ui/copy-button";
import { secondaryButton } from "@/components/ui/styles";

export function GeneratedPassword({ email, password, onDismiss }: { email: string; password: string; onDismiss: () => void }) {
  return (
    <div role="status" className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
      <p>New password for {email} — shown only this once:</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="generated-password" className="select-all rounded bg-white px-2 py-1 font-mono">{password}</code>
        <CopyButton text={password} label="Copy password" />
        <button type="button" className={secondaryButton} onClick={onDismiss}>Done</button>
      </div>
    </div>
  );
}
