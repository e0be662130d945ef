// Class names shared by the admin pages' forms, buttons and tables (the look of app/(console)/account).
export const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-600 focus:outline-none";
export const label = "block text-sm font-medium text-slate-700";
export const card = "rounded-lg border border-slate-200 bg-white p-4";
export const primaryButton = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60";
export const dangerButton = "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60";
export const table = "w-full border-collapse text-left text-sm";
export const th = "border-b border-slate-200 px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500";
export const td = "border-b border-slate-100 px-3 py-2 align-top";
export const badge = "rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700";
// A table's frame: scrolls sideways on narrow screens; relative, so that visually hidden text stays inside it.
export const tableCard = "relative overflow-x-auto rounded-lg border border-slate-200 bg-white";
