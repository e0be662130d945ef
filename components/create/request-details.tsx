// The summary's account of what goes to the cluster beyond size and system: each NIC (or the cluster's defaults), the
// OS parameters and the hypervisor parameters, as they will be sent.
import type { CreateOptions, CreateRequest } from "./types";

const nicText = (nic: CreateRequest["nics"][number], defaults: CreateOptions["nicDefaults"]) => {
  const where = nic.network ? `network ${nic.network}` : `${nic.mode ?? defaults.mode} on ${nic.link ?? (defaults.link || "the default link")}`;
  return [where, nic.ip ? `IP ${nic.ip}` : null, nic.mac && nic.mac !== "auto" ? `MAC ${nic.mac}` : null].filter(Boolean).join(", ");
};

const pairs = (params: Record<string, unknown>) => Object.entries(params).map(([k, v]) => `${k}=${v === true ? "yes" : v === false ? "no" : String(v)}`);

export function RequestDetails({ request, nicDefaults }: { request: CreateRequest; nicDefaults: CreateOptions["nicDefaults"] }) {
  const os = pairs(request.osparams);
  const hv = pairs(request.hvparams);
  return (
    <dl className="space-y-2 text-sm" aria-label="What will be sent">
      <div>
        <dt className="font-medium text-slate-800">{request.nics.length} NIC{request.nics.length === 1 ? "" : "s"}</dt>
        <dd>
          <ul className="text-slate-700">
            {request.nics.map((nic, i) => <li key={i}><span className="font-mono text-xs">nic/{i}</span> {nicText(nic, nicDefaults)}</li>)}
          </ul>
        </dd>
      </div>
      {os.length > 0 && (
        <div>
          <dt className="font-medium text-slate-800">OS parameters</dt>
          <dd className="break-all font-mono text-xs text-slate-700">{os.join(", ")}</dd>
        </div>
      )}
      {hv.length > 0 && (
        <div>
          <dt className="font-medium text-slate-800">Hypervisor parameters ({request.hypervisor})</dt>
          <dd className="break-all font-mono text-xs text-slate-700">{hv.join(", ")}</dd>
        </div>
      )}
    </dl>
  );
}
