// The RAPI v2 HTTP(S) server. Each request goes through Ganeti's steps in Ganeti's order: find the resource (404) and
// the method (501), authenticate when the resource or the settings require it or credentials are sent (401, 403, and
// Gantry's 429 after repeated failed logins), read the body (413 past the limit, 415 unless JSON, 400 unless it
// parses), run the handler, answer JSON. Every error leaves as {code, message, explain}; every request leaves a line in
// the access log.
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { AccessSink } from "./access-log";
import type { RapiBackend } from "./backend";
import { errorBody, RapiHttpError, toHttpError } from "./http-errors";
import { JsonText } from "./json-text";
import type { LoginLimiter } from "./login-limiter";
import type { HttpMethod, RapiRequest } from "./request";
import { ALL_RESOURCES } from "./resources/index";
import { RAPI_TLS_OPTIONS } from "./tls-ciphers";
import { accessFor, handlerFor, Router, type Resource } from "./routes";
import { AUTH_REALM, verifyPassword, type RapiUser, type UserDirectory } from "./users";

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export type RapiServerOptions = {
  backend: RapiBackend;
  users: UserDirectory;
  /** Ganeti's --require-authentication: no anonymous access at all. */
  requireAuth?: boolean;
  limiter?: LoginLimiter;
  accessLog?: AccessSink;
  /** Key and certificate (PEM); plain HTTP without. */
  tls?: { key: string; cert: string } | null;
  maxBodyBytes?: number;
  waitTimeoutSeconds?: number;
  resources?: Resource[];
  /** Where unexpected errors are reported (masterd's log). */
  logError?: (message: string) => void;
};

type Outcome = { status: number; user: string | null; jobId: number | null };

export class RapiServer {
  readonly server: http.Server;
  private readonly router: Router;
  private readonly sockets = new Set<import("node:net").Socket>();

  constructor(private readonly options: RapiServerOptions) {
    this.router = new Router(options.resources ?? ALL_RESOURCES);
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void this.serve(req, res);
    const common = { requestTimeout: 120_000, headersTimeout: 30_000, keepAliveTimeout: 5_000 };
    this.server = options.tls
      ? https.createServer({ ...common, ...RAPI_TLS_OPTIONS, key: options.tls.key, cert: options.tls.cert }, listener)
      : http.createServer(common, listener);
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    // Requests Node's parser refuses (a request line or headers past its limit, garbage) still get a JSON error body.
    this.server.on("clientError", (error: NodeJS.ErrnoException, socket: import("node:stream").Duplex) => {
      if (!socket.writable) return socket.destroy();
      const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "HPE_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
      const message = status === 431 ? "Request line or headers too large; use shorter names or fewer headers" : status === 408 ? "Request timed out" : "Malformed HTTP request";
      const body = JSON.stringify(errorBody(status, message));
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
  }

  get protocol(): "https" | "http" {
    return this.options.tls ? "https" : "http";
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once("error", onError);
      this.server.listen(port, host, () => {
        this.server.off("error", onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await this.options.accessLog?.close();
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const address = req.socket?.remoteAddress ?? "?";
    const outcome: Outcome = { status: 500, user: null, jobId: null };
    const rawUrl = req.url ?? "/";
    try {
      const value = await this.handle(req, rawUrl, address, outcome);
      outcome.status = 200;
      sendJson(res, 200, value);
    } catch (thrown) {
      const error = toHttpError(thrown);
      if (error.status === 500) this.options.logError?.(`rapi: ${req.method} ${rawUrl}: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
      outcome.status = error.status;
      sendJson(res, error.status, errorBody(error.status, error.message), { Connection: "close", ...error.headers });
    } finally {
      this.options.accessLog?.write({
        time: new Date(started),
        address,
        user: outcome.user,
        method: req.method ?? "?",
        path: rawUrl,
        status: outcome.status,
        jobId: outcome.jobId,
        ms: Date.now() - started,
      });
    }
  }

  private async handle(req: http.IncomingMessage, rawUrl: string, address: string, outcome: Outcome): Promise<unknown> {
    const queryStart = rawUrl.indexOf("?");
    const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? "" : rawUrl.slice(queryStart + 1));
    const method = (req.method ?? "GET").toUpperCase();

    const found = this.router.match(path);
    if (!found) throw new RapiHttpError(404);
    const handler = handlerFor(found.resource, method, path);
    const access = accessFor(found.resource, method as HttpMethod);

    const user = this.authenticate(req, address, access, outcome);
    const body = await this.readBody(req);
    const request: RapiRequest = {
      method: method as HttpMethod,
      path,
      items: found.items,
      query,
      body,
      user,
      backend: this.options.backend,
      resourceName: found.resource.name,
      waitTimeoutSeconds: this.options.waitTimeoutSeconds ?? 10,
      jobId: null,
    };
    try {
      return await handler(request);
    } finally {
      outcome.jobId = request.jobId;
    }
  }

  /** Ganeti's PreHandleRequest/Authenticate: the user, or null for an anonymous request that needs none. */
  private authenticate(req: http.IncomingMessage, address: string, access: string[], outcome: Outcome): RapiUser | null {
    const header = req.headers.authorization;
    const required = Boolean(this.options.requireAuth) || access.length > 0;
    if (!required && !header) return null;
    const challenge = { "WWW-Authenticate": `Basic realm="${AUTH_REALM}"` };
    const limiter = this.options.limiter;
    const wait = limiter?.retryAfter(address) ?? 0;
    if (wait > 0) {
      throw new RapiHttpError(429, `Too many failed logins from ${address}; try again in ${wait} s`, { "Retry-After": String(wait) });
    }
    if (!header) throw new RapiHttpError(401, undefined, challenge);
    const [scheme, credentials] = header.trim().split(/\s+/, 2) as [string, string | undefined];
    if (scheme.toLowerCase() !== "basic") throw new RapiHttpError(401, undefined, challenge);
    if (!credentials) throw new RapiHttpError(400, "Basic authentication requires credentials");
    const decoded = decodeBasic(credentials);
    const user = decoded ? this.options.users.lookup(decoded.name) : undefined;
    if (!decoded || !user || !verifyPassword(user, decoded.password)) {
      outcome.user = decoded ? `${decoded.name}(failed)` : "(failed)";
      limiter?.failed(address);
      throw new RapiHttpError(401, undefined, challenge);
    }
    limiter?.succeeded(address);
    outcome.user = user.name;
    if (access.length && !user.options.some((o) => access.includes(o))) throw new RapiHttpError(403);
    return user;
  }

  /** The JSON body, or null when there is none (an empty body with a JSON content type is none, as in Ganeti). */
  private async readBody(req: http.IncomingMessage): Promise<unknown> {
    const limit = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const tooLarge = () => new RapiHttpError(413, `The request body is larger than ${limit} bytes`);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
    if (size === 0) return null;
    const type = (req.headers["content-type"] ?? "application/octet-stream").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") throw new RapiHttpError(415, `A request body must be JSON (Content-Type: application/json), not ${type}`);
    const text = Buffer.concat(chunks).toString("utf8");
    try {
      return JSON.parse(text);
    } catch {
      throw new RapiHttpError(400, "Unable to parse JSON data");
    }
  }
}

function decodeBasic(credentials: string): { name: string; password: string } | null {
  if (!/^[A-Za-z0-9+/]+=*$/.test(credentials)) return null;
  const text = Buffer.from(credentials, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  return { name: text.slice(0, colon), password: text.slice(colon + 1) };
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  // Encoded once: a bulk list is megabytes, and measuring the string and then writing it would encode it twice.
  const body = value instanceof JsonText ? value.body : Buffer.from(JSON.stringify(value) ?? "null", "utf8");
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": body.length,
    Server: "Gantry RAPI",
    ...headers,
  });
  res.end(body);
}
