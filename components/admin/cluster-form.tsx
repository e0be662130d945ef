"use client";
// The fields of a cluster, for adding one (every field) or changing one (a password left empty is kept).
import { useState, type FormEvent } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { field, label, primaryButton, secondaryButton } from "@/components/ui/styles";
import type { ClusterView } from "./types";

export type ClusterFormValues = {
  slug: string;
  rapiUrl: string;
  username: string;
  password: string;
  /** Ganeti's vnc-cluster-password, for the console proxy; never shown again once stored. */
  vncPassword: string;
  removeVncPassword: boolean;
  fingerprint: string;
  readOnly: boolean;
  description: string;
};

type Props = {
  initial?: ClusterView;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (values: ClusterFormValues) => void;
  onCancel?: () => void;
};

export function ClusterForm({ initial, pending, error, submitLabel, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState<ClusterFormValues>({
    slug: initial?.slug ?? "",
    rapiUrl: initial?.rapiUrl ?? "",
    username: initial?.rapiUser ?? "",
    password: "",
    vncPassword: "",
    removeVncPassword: false,
    fingerprint: initial?.certFingerprint ?? "",
    readOnly: initial?.readOnly ?? false,
    description: initial?.description ?? "",
  });
  const set = <K extends keyof ClusterFormValues>(key: K, value: ClusterFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  const id = initial ? `edit-${initial.slug}` : "add";
  return (
    <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" aria-label={initial ? `Edit cluster ${initial.slug}` : "Add a cluster"}>
      <label className={label} htmlFor={`${id}-slug`}>Short name
        <input id={`${id}-slug`} required value={values.slug} onChange={(e) => set("slug", e.target.value)} className={field} placeholder="lab" />
      </label>
      <label className={label} htmlFor={`${id}-url`}>RAPI URL
        <input id={`${id}-url`} required value={values.rapiUrl} onChange={(e) => set("rapiUrl", e.target.value)} className={field} placeholder="https://cluster.example.org:5080" />
      </label>
      <label className={label} htmlFor={`${id}-user`}>RAPI user name
        <input id={`${id}-user`} value={values.username} onChange={(e) => set("username", e.target.value)} className={field} autoComplete="off" />
      </label>
      <label className={label} htmlFor={`${id}-password`}>
        RAPI password{initial?.hasPassword ? " (stored; leave empty to keep it)" : ""}
        <input id={`${id}-password`} type="password" value={values.password} onChange={(e) => set("password", e.target.value)} className={field} autoComplete="new-password" />
      </label>
      <label className={label} htmlFor={`${id}-vnc-password`}>
        VNC password (Ganeti&apos;s vnc-cluster-password){initial?.hasVncPassword ? " (stored; leave empty to keep it)" : ""}
        <input id={`${id}-vnc-password`} type="password" value={values.vncPassword} disabled={values.removeVncPassword} onChange={(e) => set("vncPassword", e.target.value)} className={field} autoComplete="new-password" />
      </label>
      <div className="flex items-end pb-2 text-sm text-slate-600">
        {initial?.hasVncPassword ? (
          <label className="flex items-center gap-2 text-slate-700">
            <input type="checkbox" checked={values.removeVncPassword} onChange={(e) => set("removeVncPassword", e.target.checked)} />
            Remove the stored VNC password
          </label>
        ) : (
          "The browser console answers the cluster's VNC servers with it; it never reaches a browser."
        )}
      </div>
      <label className={`${label} sm:col-span-2`} htmlFor={`${id}-fingerprint`}>Certificate fingerprint (SHA-256; empty: trust the system's CAs)
        <input id={`${id}-fingerprint`} value={values.fingerprint} onChange={(e) => set("fingerprint", e.target.value)} className={`${field} font-mono`} />
      </label>
      <label className={`${label} sm:col-span-2`} htmlFor={`${id}-description`}>Description
        <input id={`${id}-description`} value={values.description} onChange={(e) => set("description", e.target.value)} className={field} />
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" checked={values.readOnly} onChange={(e) => set("readOnly", e.target.checked)} />
        Read-only (Gantry never changes anything on this cluster)
      </label>
      <div className="space-y-3 sm:col-span-2">
        <ErrorAlert error={error} />
        <div className="flex gap-2">
          <button type="submit" disabled={pending} className={primaryButton}>{pending ? "Testing and saving…" : submitLabel}</button>
          {onCancel && <button type="button" onClick={onCancel} disabled={pending} className={secondaryButton}>Cancel</button>}
        </div>
      </div>
    </form>
  );
}
