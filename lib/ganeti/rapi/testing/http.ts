// Test support: one HTTP(S) request to a RAPI server, the way Ganeti's clients send them (JSON bodies, GET with a body
// for /wait, Basic authentication), answering status, headers and the parsed JSON body.
import http from "node:http";
import https from "node:https";

export type RapiCall = {
  method?: string;
  path: string;
  body?: unknown;
  /** Sent as is (for malformed bodies); overrides body. */
  rawBody?: string | Buffer;
  auth?: { user: string; password: string };
  headers?: Record<string, string>;
};

export type RapiAnswer = { status: number; headers: http.IncomingHttpHeaders; body: any; text: string };

export type RapiEndpoint = { url: string; ca?: string };

export function rapiCall(endpoint: RapiEndpoint, call: RapiCall): Promise<RapiAnswer> {
  const url = new URL(call.path, endpoint.url);
  const payload = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const headers: Record<string, string | number> = { Accept: "application/json", ...call.headers };
  if (payload !== undefined) {
    headers["Content-Length"] = Buffer.byteLength(payload);
    headers["Content-Type"] ??= "application/json";
  }
  if (call.auth) headers.Authorization = `Basic ${Buffer.from(`${call.auth.user}:${call.auth.password}`).toString("base64")}`;
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, { method: call.method ?? "GET", headers, ca: endpoint.ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
      });
    });
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
