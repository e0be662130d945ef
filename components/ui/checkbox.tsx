"use client";
// A native checkbox that can also show "some selected" (indeterminate exists only as a DOM property, not an attribute).
import { useEffect, useRef, type InputHTMLAttributes } from "react";

export function Checkbox({ indeterminate = false, ...props }: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { indeterminate?: boolean }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className="h-4 w-4 rounded border-slate-300 accent-brand-600 disabled:opacity-40" {...props} />;
}
