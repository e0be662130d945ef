export const jobHref = (cluster: string, id: number) => `/jobs/${encodeURIComponent(cluster)}/${id}`;

/** When a job did something, in the reader's time zone. */
export const shortTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "medium" }) : "—");
