// The VM request pages' data, as the API sends it (types only: nothing of the server runs in the browser).
export type { RequestView } from "@/lib/manager/requests/request-view";
export type { RequestList } from "@/lib/manager/requests/list-requests";
export type { RequestDetail, ReviewCluster } from "@/lib/manager/requests/get-request";
export type { RequestFormOptions } from "@/lib/manager/requests/request-form-options";
export type { RequestCheckView } from "@/lib/manager/requests/check-request";
export type { RequestSettings } from "@/lib/manager/settings/request-settings";

export const requestHref = (id: number) => `/applications/${id}`;
