// Resources Ganeti has and Gantry's core does not yet: networks and job filters. Their lists are empty (as on a
// cluster that has none); anything else answers 501 with the reason, never a 404 that would suggest a typing error.
import { notFound } from "../http-errors";
import { useBulk } from "../request";
import type { Resource } from "../routes";

const NO_NETWORKS = "Gantry has no networks yet";
const NO_FILTERS = "Gantry has no job filters yet";

export const UNSUPPORTED_RESOURCES: Resource[] = [
  { path: "/2/networks", name: "networks", GET: (req) => (useBulk(req), []), unsupported: NO_NETWORKS },
  { path: "/2/networks/{name}", name: "networks_name", GET: () => { throw notFound(); }, unsupported: NO_NETWORKS },
  ...["connect", "disconnect", "modify", "rename", "tags"].map((action) => ({ path: `/2/networks/{name}/${action}`, name: `networks_name_${action}`, unsupported: NO_NETWORKS })),
  { path: "/2/filters", name: "filters", GET: (req) => (useBulk(req), []), unsupported: NO_FILTERS },
  { path: "/2/filters/{name}", name: "filters_uuid", GET: () => { throw notFound(); }, unsupported: NO_FILTERS },
];
