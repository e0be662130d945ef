"use client";
// The new VM's network cards, 1 to 8: each on one of the cluster's networks (when it has some) or with a mode and link,
// with an optional IP address and MAC. An empty field takes the cluster's default, shown as the placeholder.
import { field, label, secondaryButton } from "@/components/ui/styles";
import { ProblemText } from "./problem-text";
import { emptyNic, type CreateOptions, type NicDraft } from "./types";

type Props = { options: CreateOptions; nics: NicDraft[]; onChange: (nics: NicDraft[]) => void; problems: (field: string) => string[] };

const MAX_NICS = 8;
const MODES = [["bridged", "bridged: on a bridge of the node"], ["routed", "routed: the node routes its IP"], ["openvswitch", "openvswitch: on an Open vSwitch"]] as const;

function NicRow({ i, nic, options, set, remove, problems }: { i: number; nic: NicDraft; options: CreateOptions; set: (patch: Partial<NicDraft>) => void; remove?: () => void; problems: string[] }) {
  const id = `nic-${i}`;
  const hidden = <span className="sr-only">NIC {i} </span>;
  const onNetwork = nic.network !== "";
  const { mode, link } = options.nicDefaults;
  return (
    <li>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">nic/{i}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {options.networks.length > 0 && (
            <div>
              <label htmlFor={`${id}-network`} className={label}>{hidden}Network</label>
              <select id={`${id}-network`} className={field} value={nic.network} onChange={(e) => set({ network: e.target.value, ...(e.target.value ? { mode: "", link: "" } : {}) })}>
                <option value="">None: a mode and link</option>
                {options.networks.map((n) => <option key={n.name} value={n.name}>{n.name}{n.subnet ? ` (${n.subnet})` : ""}</option>)}
              </select>
            </div>
          )}
          {!onNetwork && (
            <>
              <div>
                <label htmlFor={`${id}-mode`} className={label}>{hidden}Mode</label>
                <select id={`${id}-mode`} className={field} value={nic.mode} onChange={(e) => set({ mode: e.target.value })}>
                  <option value="">Default ({mode})</option>
                  {MODES.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor={`${id}-link`} className={label}>{hidden}Link</label>
                <input id={`${id}-link`} className={`${field} font-mono`} value={nic.link} placeholder={link || "cluster default"} autoComplete="off" spellCheck={false}
                  onChange={(e) => set({ link: e.target.value })} aria-describedby={`${id}-problems`} />
              </div>
            </>
          )}
          <div>
            <label htmlFor={`${id}-ip`} className={label}>{hidden}IP address</label>
            <input id={`${id}-ip`} className={`${field} font-mono`} value={nic.ip} placeholder={onNetwork ? "pool, or an address" : "none"} autoComplete="off" spellCheck={false} inputMode="decimal"
              onChange={(e) => set({ ip: e.target.value })} aria-describedby={`${id}-problems`} />
          </div>
          <div>
            <label htmlFor={`${id}-mac`} className={label}>{hidden}MAC address</label>
            <input id={`${id}-mac`} className={`${field} font-mono`} value={nic.mac} placeholder="auto" autoComplete="off" spellCheck={false}
              onChange={(e) => set({ mac: e.target.value })} aria-describedby={`${id}-problems`} />
          </div>
        </div>
        <ProblemText id={`${id}-problems`} problems={problems} />
        {remove && <button type="button" className={`${secondaryButton} mt-3`} aria-label={`Remove NIC ${i}`} onClick={remove}>Remove</button>}
      </fieldset>
    </li>
  );
}

export function NicsEditor({ options, nics, onChange, problems }: Props) {
  const set = (i: number, patch: Partial<NicDraft>) => onChange(nics.map((n, j) => (j === i ? { ...n, ...patch } : n)));
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Empty fields take the cluster&apos;s defaults: {options.nicDefaults.mode}{options.nicDefaults.link ? ` on ${options.nicDefaults.link}` : ""}, no IP address, a MAC made by the cluster.
        {options.networks.length === 0 && " This cluster has no networks: each NIC gets a mode and a link."}
      </p>
      <ul className="space-y-3">
        {nics.map((nic, i) => (
          <NicRow key={i} i={i} nic={nic} options={options} set={(patch) => set(i, patch)} remove={nics.length > 1 ? () => onChange(nics.filter((_, j) => j !== i)) : undefined} problems={problems(`nics.${i}`)} />
        ))}
      </ul>
      <ProblemText id="nics-problems" problems={problems("nics")} />
      {nics.length < MAX_NICS && <button type="button" className={secondaryButton} onClick={() => onChange([...nics, emptyNic()])}>Add a NIC</button>}
    </div>
  );
}
