"use client";
// What few VMs need: OS parameters (names and values the OS documents; the cluster does not list them over RAPI) and
// the hypervisor parameters a user may set, each with its meaning and the cluster's value — and, for cluster admins,
// any other hypervisor parameter, which the cluster checks.
import { field, label } from "@/components/ui/styles";
import { KeyValueRows } from "./key-value-rows";
import { ProblemText } from "./problem-text";
import type { CreateOptions, Draft } from "./types";

type Props = { options: CreateOptions; draft: Draft; change: (patch: Partial<Draft>) => void; problems: (field: string) => string[] };
type Spec = CreateOptions["hvparams"][number];

const shown = (value: unknown) => (value === true ? "yes" : value === false ? "no" : value === "" || value === null || value === undefined ? "none" : String(value));

function HvParamControl({ spec, value, onChange, problems }: { spec: Spec; value: string; onChange: (value: string) => void; problems: string[] }) {
  const id = `hv-${spec.name}`;
  const fallback = `Cluster default (${shown(spec.clusterValue)})`;
  return (
    <div>
      <label htmlFor={id} className={`${label} font-mono`}>{spec.name}</label>
      {spec.kind === "text" ? (
        <input id={id} className={`${field} font-mono`} value={value} placeholder={`${fallback}, e.g. ${spec.example}`} autoComplete="off" spellCheck={false}
          onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-doc ${id}-problems`} />
      ) : (
        <select id={id} className={field} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-doc ${id}-problems`}>
          <option value="">{fallback}</option>
          {spec.kind === "flag"
            ? [<option key="true" value="true">yes</option>, <option key="false" value="false">no</option>]
            : spec.choices.map((c) => <option key={c} value={c}>{c === "" ? "none" : c}</option>)}
        </select>
      )}
      <p id={`${id}-doc`} className="mt-1 text-xs text-slate-500">{spec.doc}</p>
      <ProblemText id={`${id}-problems`} problems={problems} />
    </div>
  );
}

export function AdvancedSection({ options, draft, change, problems }: Props) {
  return (
    <div className="space-y-6">
      <section aria-labelledby="osparams-title">
        <h3 id="osparams-title" className="text-sm font-semibold text-slate-900">OS parameters</h3>
        <p className="mb-2 mt-1 text-xs text-slate-500">Names and values the OS documents, e.g. image with a disk image&apos;s path for the image OS. The cluster refuses a name its OS does not take.</p>
        <KeyValueRows id="osparam" what="OS parameter" addText="Add an OS parameter" prefix="osparams" rows={draft.osparams} onChange={(osparams) => change({ osparams })} problems={problems}
          placeholder={{ key: "image", value: "/srv/images/debian.img" }} />
      </section>
      <section aria-labelledby="hvparams-title">
        <h3 id="hvparams-title" className="text-sm font-semibold text-slate-900">Hypervisor parameters ({options.hypervisor})</h3>
        {options.hvparams.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">VMs here run on {options.hypervisor}, which has no parameters users set.</p>
        ) : (
          <div className="mt-2 grid gap-4 sm:grid-cols-2">
            {options.hvparams.map((spec) => (
              <HvParamControl key={spec.name} spec={spec} value={draft.hvparams[spec.name] ?? ""} problems={problems(`hvparams.${spec.name}`)}
                onChange={(value) => change({ hvparams: { ...draft.hvparams, [spec.name]: value } })} />
            ))}
          </div>
        )}
        {options.anyHvparams && (
          <div className="mt-4">
            <p className="mb-2 text-xs text-slate-500">As a cluster admin you may set any other {options.hypervisor} parameter; the cluster checks its name and value.</p>
            <KeyValueRows id="hvparam" what="Hypervisor parameter" addText="Add another hypervisor parameter" prefix="hvparams" rows={draft.extraHvparams}
              onChange={(extraHvparams) => change({ extraHvparams })} problems={problems} />
          </div>
        )}
      </section>
    </div>
  );
}
