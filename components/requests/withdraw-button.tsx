"use client";
// The applicant takes back their pending request (after confirming).
import { useMutation } from "@tanstack/react-query";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { ErrorAlert } from "@/components/ui/error-alert";
import { fetchJson } from "@/lib/web/fetch-json";

export function WithdrawButton({ id, onDone }: { id: number; onDone: () => void }) {
  const withdraw = useMutation({ mutationFn: () => fetchJson(`/api/requests/${id}/withdraw`, { method: "POST" }), onSuccess: onDone });
  return (
    <div className="space-y-2">
      <ConfirmButton question={`Withdraw request #${id}? Nobody will review it, and its host name becomes free again.`} onConfirm={() => withdraw.mutate()}
        pending={withdraw.isPending} pendingLabel="Withdrawing…">
        Withdraw request
      </ConfirmButton>
      <ErrorAlert error={withdraw.error} />
    </div>
  );
}
