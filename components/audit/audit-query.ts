// The audit log's filters as they travel in the page's query string and to /api/audit (empty ones left out).
export const AUDIT_FILTERS = ["q", "action", "actor", "result", "objectType", "clusterId", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTERS)[number];
export type AuditQuery = Partial<Record<AuditFilterKey | "page" | "pageSize", string>>;

export function auditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const query: AuditQuery = {};
  for (const key of [...AUDIT_FILTERS, "page", "pageSize"] as const) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) query[key] = value;
  }
  return query;
}

export const queryString = (query: AuditQuery, extra: Record<string, string> = {}) =>
  new URLSearchParams(Object.entries({ ...query, ...extra }).filter(([, v]) => v !== undefined && v !== "") as Array<[string, string]>).toString();
