// Who a notice would reach, before it is sent: the VMs in the scope, those nobody owns, and the addresses.
import type { BroadcastPreview } from "./types";

const vms = (n: number) => `${n} VM${n === 1 ? "" : "s"}`;

export function RecipientsPreview({ preview }: { preview: BroadcastPreview }) {
  return (
    <div role="status" aria-label="Recipients" className="space-y-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800">
      <p>
        <span className="font-medium">{preview.recipients} recipient{preview.recipients === 1 ? "" : "s"}</span>: the owners of {vms(preview.instances)} on {preview.cluster}.
        {preview.unowned.length > 0 && ` ${vms(preview.unowned.length)} without an owner reach nobody (${preview.unowned.slice(0, 5).join(", ")}${preview.unowned.length > 5 ? ", …" : ""}).`}
      </p>
      {preview.addresses.length > 0 && (
        <details>
          <summary className="cursor-pointer text-brand-700">The addresses</summary>
          <ul aria-label="Addresses" className="mt-1 columns-1 font-mono text-xs sm:columns-2">
            {preview.addresses.map((address) => <li key={address}>{address}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
