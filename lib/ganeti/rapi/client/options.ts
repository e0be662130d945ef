// The client's options, checked once in the constructor: where the cluster is (Ganeti's default is HTTPS on port 5080),
// who we are (HTTP Basic), how patient to be, and how to trust the server's certificate.
import { z } from "zod";
import { RapiConfigError } from "./errors";

export const DEFAULT_PORT = 5080;

export type RapiClientOptions = {
  /** "https://host:5080", "https://host" (port 5080), "host" or "host:port" (HTTPS). http:// is allowed for a local cluster. */
  url: string;
  username?: string;
  password?: string;
  /** Per request (each attempt), in milliseconds. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts for GET requests after connection errors, timeouts and 502/503/504. Default 2. Writes are never retried. */
  retries?: number;
  /** First pause before a retry, doubled for each further one. Default 250 ms. */
  retryDelayMs?: number;
  /** Trust this CA (PEM, or several). The hostname is still checked against the certificate. */
  ca?: string | string[];
  /** Pin the server certificate's SHA-256 fingerprint ("AA:BB:…" or 64 hex digits); replaces CA and hostname checks. */
  fingerprint?: string;
  /** Accept any certificate. For tests and emergencies only: credentials go to whoever answers. */
  insecure?: boolean;
  /** Connections kept open per client. Default 4 (Ganeti's daemon serves 20 clients at once). */
  maxSockets?: number;
};

export type TlsTrust = { kind: "system" } | { kind: "ca"; ca: string[] } | { kind: "fingerprint"; fingerprint: string } | { kind: "insecure" };

export type ResolvedOptions = {
  /** Origin plus any path prefix (a reverse proxy's); "/" when none. */
  baseUrl: URL;
  auth: { username: string; password: string } | null;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  trust: TlsTrust;
  maxSockets: number;
};

const schema = z
  .object({
    url: z.string().min(1, "url is required, e.g. https://cluster.example.org:5080"),
    username: z.string().min(1, "username must not be empty").optional(),
    password: z.string().optional(),
    timeoutMs: z.number().int().positive().max(3_600_000).default(30_000),
    retries: z.number().int().min(0).max(10).default(2),
    retryDelayMs: z.number().int().min(0).max(60_000).default(250),
    ca: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    fingerprint: z.string().optional(),
    insecure: z.boolean().default(false),
    maxSockets: z.number().int().positive().max(64).default(4),
  })
  .strict();

export function resolveOptions(input: RapiClientOptions): ResolvedOptions {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ");
    throw new RapiConfigError(`Invalid RAPI client options: ${issues}`);
  }
  const o = parsed.data;
  if (o.username !== undefined && o.password === undefined) throw new RapiConfigError("A username was given without a password");
  if (o.username === undefined && o.password) throw new RapiConfigError("A password was given without a username");
  const baseUrl = parseBaseUrl(o.url);
  const chosen = [o.ca !== undefined && "ca", o.fingerprint !== undefined && "fingerprint", o.insecure && "insecure"].filter(Boolean);
  if (chosen.length > 1) throw new RapiConfigError(`Choose one way to trust the server's certificate, not ${chosen.join(" and ")}`);
  if (chosen.length && baseUrl.protocol !== "https:") throw new RapiConfigError(`${chosen[0]} only applies to https:// URLs, not ${baseUrl.origin}`);
  let trust: TlsTrust = { kind: "system" };
  if (o.ca !== undefined) trust = { kind: "ca", ca: checkPem(typeof o.ca === "string" ? [o.ca] : o.ca) };
  if (o.fingerprint !== undefined) trust = { kind: "fingerprint", fingerprint: normalizeFingerprint(o.fingerprint) };
  if (o.insecure) trust = { kind: "insecure" };
  return {
    baseUrl,
    auth: o.username !== undefined ? { username: o.username, password: o.password ?? "" } : null,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    retryDelayMs: o.retryDelayMs,
    trust,
    maxSockets: o.maxSockets,
  };
}

/** "host", "host:port", "https://host[:port][/prefix]" → URL with the port filled in (5080 unless given). */
export function parseBaseUrl(raw: string): URL {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new RapiConfigError(`Invalid RAPI URL '${raw}': expected e.g. https://cluster.example.org:5080`);
  }
  if (url.username || url.password) throw new RapiConfigError(`Put the RAPI credentials in username and password, not in the URL (${url.protocol}//${url.host}); the URL's password would end up in logs`);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RapiConfigError(`Invalid RAPI URL '${raw}': use https:// (or http://)`);
  if (url.search || url.hash) throw new RapiConfigError(`The RAPI URL '${raw}' must not have a query or fragment`);
  // URL drops a port equal to the scheme's default (https://h:443 → port ""): only fill in 5080 when none was written.
  const authority = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/?#]/)[0]!;
  const explicitPort = /:\d+$/.test(authority);
  if (!explicitPort) url.port = String(DEFAULT_PORT);
  return url;
}

/** "aa:bb:…", "AABB…" or "sha256 Fingerprint=AA:BB:…" → "AA:BB:…" (Node's fingerprint256 format). */
export function normalizeFingerprint(raw: string): string {
  // Also takes openssl's own output line: "sha256 Fingerprint=AA:BB:…".
  const hex = raw.trim().replace(/^(sha-?256)?\s*(fingerprint)?\s*[:=]?\s*/i, "").replace(/[:\s-]/g, "");
  if (!/^[0-9a-f]*$/i.test(hex)) throw new RapiConfigError(`Invalid certificate fingerprint '${raw}': use hex digits, optionally separated by colons`);
  if (hex.length !== 64) {
    const sha1 = hex.length === 40 ? " (that is a SHA-1 fingerprint)" : "";
    throw new RapiConfigError(
      `Invalid certificate fingerprint '${raw}': it must be the SHA-256 of the certificate, 64 hex digits, not ${hex.length}${sha1}; ` +
        "get it with `openssl x509 -noout -fingerprint -sha256 -in rapi.pem`",
    );
  }
  return hex.toUpperCase().match(/../g)!.join(":");
}

function checkPem(list: string[]): string[] {
  for (const pem of list) {
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
      throw new RapiConfigError("ca must be PEM text with a -----BEGIN CERTIFICATE----- block (the certificate itself, not a file name)");
    }
  }
  return list;
}
