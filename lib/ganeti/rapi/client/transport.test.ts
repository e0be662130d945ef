// The transport's failure handling, against small local servers started here (real sockets, real HTTP): timeouts,
// retries for GET only, connection errors, answers that are not Ganeti's; and the checks of the client's options.
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RapiClient } from "./client";
import {
  RapiConfigError,
  RapiConnectionError,
  RapiHttpError,
  RapiResponseError,
  RapiServerError,
  RapiTimeoutError,
} from "./errors";
import { normalizeFingerprint, parseBaseUrl, resolveOptions } from "./options";
import { unescapeHtml } from "./transport";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const client = (url: string, extra: Partial<ConstructorParameters<typeof RapiClient>[0]> = {}) => {
  const c = new RapiClient({ url, username: "admin", password: "pw", retryDelayMs: 1, ...extra });
  cleanup.push(() => c.close());
  return c;
};

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sockets = new Set<net.Socket>();
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  cleanup.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

/** An HTTP server answering with `respond(n)` for the n-th request (from 1), counting requests per method. */
async function scripted(respond: (n: number, req: http.IncomingMessage) => { status: number; body: string; type?: string }) {
  const counts: Record<string, number> = {};
  let n = 0;
  const server = http.createServer((req, res) => {
    counts[req.method!] = (counts[req.method!] ?? 0) + 1;
    req.resume();
    req.on("end", () => {
      const answer = respond(++n, req);
      res.writeHead(answer.status, { "Content-Type": answer.type ?? "application/json" });
      res.end(answer.body);
    });
  });
  return { url: `http://${await listen(server)}`, counts };
}

/** A TCP server that accepts connections and never says a word; counts them. */
async function silent() {
  const state = { connections: 0 };
  const server = net.createServer(() => void state.connections++);
  return { address: await listen(server), state };
}

describe("timeouts", () => {
  it("turns a server that never answers into RapiTimeoutError; a GET is tried 1 + retries times, a POST once", async () => {
    const { address, state } = await silent();
    const c = client(`http://${address}`, { timeoutMs: 100, retries: 2 });
    const get = await c.getInfo().catch((e: unknown) => e);
    expect(get).toBeInstanceOf(RapiTimeoutError);
    expect((get as Error).message).toBe(
      `GET http://${address}/2/info: no complete answer within 100 ms; check that the cluster is reachable, or raise timeoutMs`,
    );
    expect(state.connections).toBe(3);
    const post = await c.rebootInstance("web1").catch((e: unknown) => e);
    expect(post).toBeInstanceOf(RapiTimeoutError);
    expect(state.connections).toBe(4);
  });

  it("also bounds the TLS handshake (https:// to a server that accepts and stays silent)", async () => {
    const { address } = await silent();
    const error = await client(`https://${address}`, { timeoutMs: 100, retries: 0, insecure: true }).getVersion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RapiTimeoutError);
  });
});

describe("retries", () => {
  const unavailable = { status: 503, body: JSON.stringify({ code: 503, message: "Service Unavailable", explain: "The job queue is full" }) };

  it("retries a GET after 502/503/504 and returns the answer that follows", async () => {
    const server = await scripted((n) => (n === 1 ? { ...unavailable, status: 502 } : n === 2 ? unavailable : { status: 200, body: "2" }));
    expect(await client(server.url, { retries: 2 }).getVersion()).toBe(2);
    expect(server.counts).toEqual({ GET: 3 });
  });

  it("gives up after the last retry with the server's error", async () => {
    const server = await scripted(() => unavailable);
    const error = (await client(server.url, { retries: 1 }).getVersion().catch((e: unknown) => e)) as RapiServerError;
    expect(error).toBeInstanceOf(RapiServerError);
    expect(error).toMatchObject({ status: 503, serverMessage: "Service Unavailable", explain: "The job queue is full" });
    expect(server.counts).toEqual({ GET: 2 });
  });

  it("never retries a write, whatever the status", async () => {
    const server = await scripted(() => unavailable);
    const c = client(server.url, { retries: 5 });
    await expect(c.addTags("cluster", ["a"])).rejects.toBeInstanceOf(RapiServerError);
    await expect(c.rebootInstance("web1")).rejects.toBeInstanceOf(RapiServerError);
    await expect(c.deleteInstance("web1")).rejects.toBeInstanceOf(RapiServerError);
    expect(server.counts).toEqual({ PUT: 1, POST: 1, DELETE: 1 });
  });

  it("does not retry errors that will not go away (500, 4xx)", async () => {
    const server = await scripted((n) => ({ status: n === 1 ? 500 : 404, body: "{}" }));
    const c = client(server.url, { retries: 3 });
    await expect(c.getInfo()).rejects.toBeInstanceOf(RapiServerError);
    await expect(c.getInfo()).rejects.toBeInstanceOf(RapiHttpError);
    expect(server.counts).toEqual({ GET: 2 });
  });

  it("reports a refused connection as RapiConnectionError saying what to check", async () => {
    const server = net.createServer();
    const address = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = (await client(`http://${address}`, { retries: 1 }).getInfo().catch((e: unknown) => e)) as RapiConnectionError;
    expect(error).toBeInstanceOf(RapiConnectionError);
    expect(error.errno).toBe("ECONNREFUSED");
    expect(error.message).toBe(
      `GET http://${address}/2/info: connection refused: is the RAPI daemon running and listening on this address and port? (ECONNREFUSED)`,
    );
  });
});

describe("answers that are not Ganeti's", () => {
  it("refuses a 200 that is not JSON, or JSON of the wrong shape, naming the field", async () => {
    const server = await scripted((_n, req) =>
      req.url === "/2/info" ? { status: 200, body: JSON.stringify({ hello: "world" }) } : { status: 200, body: "<html>Welcome to nginx</html>", type: "text/html" },
    );
    const c = client(server.url);
    const html = await c.getVersion().catch((e: unknown) => e);
    expect(html).toBeInstanceOf(RapiResponseError);
    expect((html as Error).message).toBe(
      `GET ${server.url}/version answered 200 with text/html that is not JSON ("<html>Welcome to nginx</html>"); is this URL a Ganeti RAPI server?`,
    );
    const shape = await c.getInfo().catch((e: unknown) => e);
    expect(shape).toBeInstanceOf(RapiResponseError);
    expect((shape as Error).message).toMatch(
      new RegExp(`^GET ${server.url}/2/info: the answer is not what a Ganeti RAPI v2 server sends: \\$\\.name: .*expected string.* \\(and \\d+ more\\); is this URL a Ganeti RAPI endpoint\\?$`),
    );
  });

  it("keeps a non-Ganeti error page's text as the message", async () => {
    const server = await scripted(() => ({ status: 502, body: "<h1>502 Bad Gateway</h1>", type: "text/html" }));
    const error = (await client(server.url, { retries: 0 }).getInfo().catch((e: unknown) => e)) as RapiServerError;
    expect(error).toMatchObject({ status: 502, code: null, serverMessage: "<h1>502 Bad Gateway</h1>" });
  });

  it("decodes the HTML entities Ganeti puts in error messages", () => {
    expect(unescapeHtml("Can&#x27;t combine &quot;a&quot; &amp; &lt;b&gt; &#39;c&#39; &bogus;")).toBe(`Can't combine "a" & <b> 'c' &bogus;`);
  });
});

describe("options", () => {
  it("defaults to HTTPS on port 5080 and keeps an explicit port", () => {
    expect(parseBaseUrl("cluster.example.org").href).toBe("https://cluster.example.org:5080/");
    expect(parseBaseUrl("cluster.example.org:6080").href).toBe("https://cluster.example.org:6080/");
    expect(parseBaseUrl("https://10.0.0.1").href).toBe("https://10.0.0.1:5080/");
    expect(parseBaseUrl("https://10.0.0.1:443").href).toBe("https://10.0.0.1/");
    expect(parseBaseUrl("http://[::1]:8080/rapi/").href).toBe("http://[::1]:8080/rapi/");
  });

  it("sends requests below a path prefix (a reverse proxy's)", async () => {
    const server = await scripted((_n, req) => ({ status: 200, body: JSON.stringify([req.url]) }));
    expect(await client(`${server.url}/rapi/`).getOperatingSystems()).toEqual(["/rapi/2/os"]);
  });

  it("reads networks in Ganeti's shape, and none from a server older than networks (404)", async () => {
    const network = { name: "lan", network: "192.0.2.0/24", gateway: "192.0.2.1", network6: null, mac_prefix: null, free_count: 250, group_list: [["default", "bridged", "br0"]], tags: [], uuid: "u1" };
    const modern = await scripted((_n, req) => ({ status: 200, body: JSON.stringify(req.url!.includes("bulk=1") ? [network] : [{ name: "lan", uri: "/2/networks/lan" }]) }));
    expect(await client(modern.url).getNetworks()).toEqual(["lan"]);
    expect(await client(modern.url).getNetworks({ bulk: true })).toEqual([network]);
    const old = await scripted(() => ({ status: 404, body: JSON.stringify({ code: 404, message: "Not Found", explain: "" }) }));
    expect(await client(old.url, { retries: 0 }).getNetworks({ bulk: true })).toEqual([]);
  });

  it("refuses URLs and combinations it cannot use, saying what to write", () => {
    expect(() => parseBaseUrl("ftp://host")).toThrow("Invalid RAPI URL 'ftp://host': use https:// (or http://)");
    expect(() => parseBaseUrl("https://admin:pw@host")).toThrow("Put the RAPI credentials in username and password, not in the URL");
    expect(() => parseBaseUrl("https://host/?x=1")).toThrow("must not have a query or fragment");
    expect(() => resolveOptions({ url: "h", username: "admin" })).toThrow("A username was given without a password");
    expect(() => resolveOptions({ url: "h", password: "pw" })).toThrow("A password was given without a username");
    expect(() => resolveOptions({ url: "h", insecure: true, fingerprint: "00".repeat(32) })).toThrow(
      "Choose one way to trust the server's certificate, not fingerprint and insecure",
    );
    expect(() => resolveOptions({ url: "http://h", fingerprint: "00".repeat(32) })).toThrow("fingerprint only applies to https:// URLs, not http://h:5080");
    expect(() => resolveOptions({ url: "h", ca: "/etc/ssl/rapi.pem" })).toThrow("ca must be PEM text");
    expect(() => resolveOptions({ url: "h", timeoutMs: 0 })).toThrow(RapiConfigError);
    expect(() => resolveOptions({ url: "h", colour: "blue" } as never)).toThrow(/Invalid RAPI client options: .*colour/);
  });

  it("reads a fingerprint with or without colons, in any case, and refuses one that is not SHA-256", () => {
    const colons = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0").toUpperCase()).join(":");
    expect(normalizeFingerprint(colons.replace(/:/g, "").toLowerCase())).toBe(colons);
    expect(normalizeFingerprint(`sha256 Fingerprint=${colons}`)).toBe(colons);
    expect(() => normalizeFingerprint("AA:".repeat(19) + "AA")).toThrow(/64 hex digits, not 40 \(that is a SHA-1 fingerprint\)/);
    expect(() => normalizeFingerprint("zz".repeat(32))).toThrow("use hex digits");
  });
});
