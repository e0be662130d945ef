// The review queue's filters and page as they travel in the page's URL and to GET /api/requests?queue=1.
export const QUEUE_KEYS = ["status", "q", "cluster", "page"] as const;
export type QueueQuery = Partial<Record<(typeof QUEUE_KEYS)[number] | "queue", string>>;

export function queueQuery(params: Record<string, string | string[] | undefined>): QueueQuery {
  const query: QueueQuery = {};
  for (const key of QUEUE_KEYS) {
    const value = [params[key]].flat()[0]?.trim();
    if (value) query[key] = value;
  }
  return query;
}

export const queueQueryString = (query: QueueQuery, change: QueueQuery = {}) =>
  new URLSearchParams(Object.entries({ ...query, ...change }).filter(([, v]) => v) as Array<[string, string]>).toString();

export const queueHref = (query: QueueQuery, change: QueueQuery = {}) => {
  const qs = queueQueryString(query, change);
  return qs ? `/applications/review?${qs}` : "/applications/review";
};
