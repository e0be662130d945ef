// A RAPI client for the benchmarks, as a script would use one: node:https with keep-alive connections, Basic
// authentication, JSON bodies. A request's time runs from sending it until the whole answer is received and parsed,
// which is what a client waits for.
import https from "node:https";

export type RapiEndpoint = {
  /** e.g. https://127.0.0.1:5080 */
  url: string;
  user: string;
  password: string;
  /** PEM the server's certificate is verified against. */
  ca: string;
  /** Verify the chain but not the host name (Ganeti's self-signed certificate names the node, not its address). */
  skipHostCheck?: boolean;
};

/** ms: sent → answer parsed; firstByteMs: sent → headers received; receivedMs: sent → whole body received; parseMs: JSON.parse of the body. */
export type Answer<T = unknown> = { status: number; body: T; bytes: number; ms: number; firstByteMs: number; receivedMs: number; parseMs: number };

export class RapiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export class BenchRapiClient {
  private readonly agent: https.Agent;
  private readonly auth: string;

  constructor(
    readonly endpoint: RapiEndpoint,
    connections = 1,
  ) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: connections, ca: endpoint.ca });
    this.auth = `Basic ${Buffer.from(`${endpoint.user}:${endpoint.password}`).toString("base64")}`;
  }

  /** Any status; the body parsed as JSON. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { Accept: "application/json", Authorization: this.auth };
    if (payload !== undefined) Object.assign(headers, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) });
    const url = new URL(path, this.endpoint.url);
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const req = https.request(
        url,
        {
          method,
          headers,
          agent: this.agent,
          ...(this.endpoint.skipHostCheck ? { checkServerIdentity: () => undefined } : {}),
        },
        (res) => {
          const firstByteMs = performance.now() - start;
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const raw = Buffer.concat(chunks);
            const parseStart = performance.now();
            const receivedMs = parseStart - start;
            let parsed: T;
            try {
              parsed = JSON.parse(raw.toString("utf8")) as T;
            } catch {
              reject(new Error(`${method} ${path}: HTTP ${res.statusCode}, not JSON: ${raw.toString("utf8").slice(0, 200)}`));
              return;
            }
            const end = performance.now();
            resolve({ status: res.statusCode ?? 0, body: parsed, bytes: raw.length, ms: end - start, firstByteMs, receivedMs, parseMs: end - parseStart });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  /** Like request, but anything other than 200 is an error. */
  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const answer = await this.request<T>(method, path, body);
    if (answer.status !== 200) throw new RapiError(answer.status, answer.body, `${method} ${path}`);
    return answer;
  }

  /** Polls a job until it is final; its status and result. */
  async waitJob(id: number, pollMs = 25, timeoutMs = 600_000): Promise<{ status: string; opresult: unknown }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.ok<{ status: string; opresult: unknown }>("GET", `/2/jobs/${id}`);
      if (body.status === "success" || body.status === "error" || body.status === "canceled") return body;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${body.status} after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
