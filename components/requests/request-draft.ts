// The request form's state and the body it becomes (POST /api/requests and its dry run /api/requests/check).
export type RequestDraft = {
  owner: string;
  hostname: string;
  memory: number;
  vcpus: string;
  disk: number;
  os: string;
  network: string;
  purpose: string;
  preferredCluster: string;
};

export type RequestBody = Omit<RequestDraft, "vcpus"> & { vcpus: number };

export const initialRequestDraft = (owner: string, limits: { memoryMin: number; diskMin: number }): RequestDraft => ({
  owner,
  hostname: "",
  memory: Math.max(1024, limits.memoryMin),
  vcpus: "1",
  disk: Math.max(10_240, limits.diskMin),
  os: "",
  network: "",
  purpose: "",
  preferredCluster: "",
});

export const toRequestBody = (d: RequestDraft): RequestBody => ({ ...d, hostname: d.hostname.trim().toLowerCase(), vcpus: d.vcpus.trim() === "" ? NaN : Number(d.vcpus) });
