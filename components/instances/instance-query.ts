// The VM list's filters, sort and page as they travel in the page's URL and to GET /api/instances (empty ones left out).
export const LIST_KEYS = ["cluster", "status", "q", "owner", "node", "template", "tag", "sort", "order", "page", "pageSize"] as const;
export type ListQuery = Partial<Record<(typeof LIST_KEYS)[number], string>>;
export type SortKey = "name" | "status" | "pnode" | "memory" | "vcpus" | "disk";

export function listQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  const query: ListQuery = {};
  for (const key of LIST_KEYS) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) query[key] = value;
  }
  return query;
}

export const listQueryString = (query: ListQuery, change: ListQuery = {}) =>
  new URLSearchParams(Object.entries({ ...query, ...change }).filter(([, v]) => v !== undefined && v !== "") as Array<[string, string]>).toString();

export const listHref = (query: ListQuery, change: ListQuery = {}) => {
  const qs = listQueryString(query, change);
  return qs ? `/instances?${qs}` : "/instances";
};
