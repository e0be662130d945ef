"use client";
// A reviewer rejects the request with a reason, which is mailed to the applicant.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { card, dangerButton, field, label } from "@/components/ui/styles";
import { fetchJson } from "@/lib/web/fetch-json";

export function RejectForm({ id, onDone }: { id: number; onDone: () => void }) {
  const [message, setMessage] = useState("");
  const reject = useMutation({ mutationFn: () => fetchJson(`/api/requests/${id}/reject`, { method: "POST", body: { message } }), onSuccess: onDone });
  return (
    <form aria-label="Reject" className={`${card} space-y-3`} onSubmit={(e) => { e.preventDefault(); reject.mutate(); }}>
      <h2 className="text-base font-semibold">Reject</h2>
      <div>
        <label htmlFor="reject-message" className={label}>Reason (sent to the applicant)</label>
        <textarea id="reject-message" rows={4} className={field} value={message} onChange={(e) => setMessage(e.target.value)} required minLength={3} />
      </div>
      <ErrorAlert error={reject.error} />
      <button type="submit" className={dangerButton} disabled={reject.isPending || message.trim().length < 3}>{reject.isPending ? "Rejecting…" : "Reject request"}</button>
    </form>
  );
}
