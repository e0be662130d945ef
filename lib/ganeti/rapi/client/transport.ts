// One RAPI request over node:http(s): JSON in and out (bare scalars included, as RAPI sends job ids), HTTP Basic, a
// deadline per attempt, retries for GET only (connection errors, timeouts, 502/503/504) with doubling pauses, and every
// failure turned into a typed error. Writes are never retried: a POST that timed out may still have created its job.
import http from "node:http";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import {
  httpError,
  RapiConnectionError,
  RapiError,
  RapiResponseError,
  RapiServerError,
  RapiTimeoutError,
  RapiTlsError,
  type RapiRequestLabel,
} from "./errors";
import type { ResolvedOptions } from "./options";
import { VerifyingAgent } from "./tls-agent";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";
export type QueryValue = string | number | boolean | null | undefined;

export type RapiCall = {
  method: HttpMethod;
  /** Absolute RAPI path, e.g. /2/instances/web1/shutdown. */
  path: string;
  /** In order; repeated names are kept (tag=a&tag=b). undefined values are left out, booleans become 1/0. */
  query?: Array<[string, QueryValue]>;
  /** Sent as JSON when not undefined (GET /2/jobs/[id]/wait has a body too). */
  body?: unknown;
  /** Overrides the client's per-attempt timeout (long polls). */
  timeoutMs?: number;
  /** Epoch ms after which no attempt runs or continues (waitForJob's overall timeout). */
  deadline?: number;
};

const RETRY_STATUSES = new Set([502, 503, 504]);
const USER_AGENT = "Gantry RAPI client";

export class RapiTransport {
  readonly baseUrl: URL;
  private readonly agent: http.Agent;

  constructor(private readonly options: ResolvedOptions) {
    this.baseUrl = options.baseUrl;
    this.agent =
      options.baseUrl.protocol === "https:"
        ? new VerifyingAgent(options.trust, { maxSockets: options.maxSockets, handshakeTimeoutMs: options.timeoutMs })
        : new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  }

  /** The decoded JSON answer (null for an empty body); with `as: "text"`, a successful answer's text, not decoded. */
  async request(call: RapiCall, as: "json" | "text" = "json"): Promise<unknown> {
    const attempts = call.method === "GET" ? 1 + this.options.retries : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(call, as);
      } catch (error) {
        const pause = this.options.retryDelayMs * 2 ** (attempt - 1);
        if (attempt >= attempts || !retryable(error) || Date.now() + pause >= (call.deadline ?? Infinity)) throw error;
        await sleep(pause);
      }
    }
  }

  urlOf(call: Pick<RapiCall, "path" | "query">): URL {
    const url = new URL(this.baseUrl.href);
    url.pathname = this.baseUrl.pathname.replace(/\/+$/, "") + call.path;
    for (const [name, value] of call.query ?? []) {
      if (value === undefined) continue;
      url.searchParams.append(name, typeof value === "boolean" ? (value ? "1" : "0") : value === null ? "" : String(value));
    }
    return url;
  }

  close(): void {
    this.agent.destroy();
  }

  private attempt(call: RapiCall, as: "json" | "text"): Promise<unknown> {
    const url = this.urlOf(call);
    const label: RapiRequestLabel = { method: call.method, url: url.href };
    const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
    const headers: Record<string, string | number> = { Accept: "application/json", "User-Agent": USER_AGENT };
    if (payload) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = payload.length;
    }
    const auth = this.options.auth;
    if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    const timeoutMs = Math.max(0, Math.min(call.timeoutMs ?? this.options.timeoutMs, (call.deadline ?? Infinity) - Date.now()));
    const transport = url.protocol === "https:" ? https : http;

    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method: call.method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => req.destroy(error));
        res.on("end", () => {
          clearTimeout(timer);
          try {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve(as === "text" && res.statusCode === 200 ? text : decodeAnswer(label, res, text, auth?.username));
          } catch (error) {
            reject(error);
          }
        });
      });
      const timer = setTimeout(() => {
        req.destroy(
          new RapiTimeoutError(
            `${label.method} ${label.url}: no complete answer within ${timeoutMs} ms; check that the cluster is reachable, or raise timeoutMs`,
            timeoutMs,
          ),
        );
      }, timeoutMs);
      req.on("error", (error) => {
        clearTimeout(timer);
        reject(transportError(label, error, this.baseUrl, timeoutMs));
      });
      req.end(payload);
    });
  }
}

function retryable(error: unknown): boolean {
  if (error instanceof RapiConnectionError || error instanceof RapiTimeoutError) return true;
  return error instanceof RapiServerError && RETRY_STATUSES.has(error.status);
}

function decodeAnswer(label: RapiRequestLabel, res: http.IncomingMessage, text: string, username: string | undefined): unknown {
  const status = res.statusCode ?? 0;
  const type = String(res.headers["content-type"] ?? "no content type");
  let value: unknown = null;
  let parsed = true;
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      parsed = false;
    }
  }
  if (status === 200) {
    if (parsed) return value;
    throw new RapiResponseError(
      `${label.method} ${label.url} answered 200 with ${type} that is not JSON (${JSON.stringify(snippet(text))}); is this URL a Ganeti RAPI server?`,
    );
  }
  throw httpError(label, status, errorBody(parsed ? value : undefined, text, res.statusMessage), { username });
}

/** Ganeti's error body {code, message, explain}; for anything else the text (or the status line) as message. */
function errorBody(value: unknown, text: string, statusMessage: string | undefined) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.message === "string" || typeof v.explain === "string") {
      return {
        code: typeof v.code === "number" ? v.code : null,
        message: unescapeHtml(typeof v.message === "string" ? v.message : ""),
        explain: unescapeHtml(typeof v.explain === "string" ? v.explain : ""),
      };
    }
  }
  return { code: null, message: snippet(text) || statusMessage || "", explain: "" };
}

/** Ganeti HTML-escapes error messages (&quot;, &#x27;, …); the client shows them as text. */
export function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

const CONNECTION_HINTS: Record<string, string> = {
  ECONNREFUSED: "connection refused: is the RAPI daemon running and listening on this address and port?",
  ECONNRESET: "the server closed the connection before answering",
  EPIPE: "the server closed the connection while the request was sent",
  ENOTFOUND: "the host name does not resolve: check the URL",
  EAI_AGAIN: "the host name could not be resolved right now (DNS): check the URL and the resolver",
  EHOSTUNREACH: "the host is unreachable: check the address and the network",
  ENETUNREACH: "the network is unreachable: check the address and the routes",
  ETIMEDOUT: "the connection timed out: check the address, the port and any firewall",
};

function transportError(label: RapiRequestLabel, error: Error, baseUrl: URL, timeoutMs: number): RapiError {
  if (error instanceof RapiError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ETIMEDOUT" && error.message === "TLS handshake timed out") {
    return new RapiTimeoutError(`${label.method} ${label.url}: the TLS handshake did not finish in time; is this port serving HTTPS?`, timeoutMs);
  }
  if (code && (code.startsWith("ERR_SSL") || code === "EPROTO" || code.startsWith("ERR_TLS"))) {
    const plain = baseUrl.protocol === "https:" ? "; is the server speaking HTTPS on this port (Ganeti's RAPI does by default)?" : "";
    // OpenSSL's messages carry file names and line numbers; its short reason ("wrong version number") is enough.
    const why = (error as { reason?: string }).reason ?? error.message.trim();
    return new RapiTlsError(`TLS: ${baseUrl.host}: the handshake failed (${why})${plain}`, { reason: code }, error);
  }
  const hint = (code && CONNECTION_HINTS[code]) ?? error.message;
  return new RapiConnectionError(label, `${hint} (${code ?? error.message})`, code, error);
}
