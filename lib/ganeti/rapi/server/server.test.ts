// The request pipeline of the RAPI server: 404/501 before authentication, 401/403/429, body limits and types, the
// access log. Against a real embedded cluster (in-process master) on an ephemeral port.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRapiHarness, USERS, type RapiHarness } from "../testing/rapi-harness";

let h: RapiHarness;
beforeAll(async () => {
  h = await createRapiHarness({ loginFailures: 3, maxBodyBytes: 64 * 1024 });
});
afterAll(() => h.close());

const admin = { user: "admin", password: USERS.admin };

describe("the RAPI request pipeline", () => {
  it("answers 404 for unknown paths and 501 for methods a resource lacks, with Ganeti's error bodies", async () => {
    expect(await h.call({ path: "/2/bogus" })).toMatchObject({ status: 404, body: { code: 404, message: "Not Found", explain: "Nothing matches the given URI" } });
    const patch = await h.call({ method: "PATCH", path: "/2/instances", auth: admin });
    expect(patch).toMatchObject({ status: 501, body: { code: 501, message: "Method PATCH is unsupported for path /2/instances" } });
    expect(patch.headers.connection).toBe("close");
    expect((await h.call({ method: "HEAD", path: "/2/info" })).status).toBe(501);
    expect((await h.call({ method: "POST", path: "/2/info" })).status).toBe(501);
  });

  it("lets anonymous users read, asks for credentials to write, and refuses users without the right option", async () => {
    expect((await h.call({ path: "/2/info" })).status).toBe(200);
    const anonymous = await h.call({ method: "PUT", path: "/2/tags?tag=a" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toBe('Basic realm="Ganeti Remote API"');
    expect((await h.call({ method: "PUT", path: "/2/tags?tag=a", auth: { user: "reader", password: USERS.reader } })).status).toBe(403);
    expect((await h.call({ path: "/2/query/node?fields=name", auth: { user: "viewer", password: USERS.viewer } })).status).toBe(403);
    expect((await h.call({ path: "/2/query/node?fields=name", auth: { user: "reader", password: USERS.reader } })).status).toBe(200);
    // Credentials sent to an anonymous resource are still checked.
    expect((await h.call({ path: "/2/info", auth: { user: "admin", password: "wrong" } })).status).toBe(401);
    expect((await h.call({ path: "/2/info", headers: { Authorization: "Basic" } })).status).toBe(400);
    expect((await h.call({ path: "/2/info", headers: { Authorization: 'Digest username="admin"' } })).status).toBe(401);
  });

  it("refuses an address after repeated failed logins, with Retry-After, even with the right password", async () => {
    const other = await createRapiHarness({ loginFailures: 2 });
    try {
      for (let i = 0; i < 2; i++) expect((await other.call({ path: "/2/info", auth: { user: "admin", password: `bad${i}` } })).status).toBe(401);
      const locked = await other.write({ method: "PUT", path: "/2/tags?tag=x" });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
      expect(locked.body.message).toMatch(/Too many failed logins from 127\.0\.0\.1/);
      expect((await other.call({ path: "/2/info" })).status).toBe(200); // anonymous reads need no login
    } finally {
      await other.close();
    }
  });

  it("requires authentication for everything when asked to (Ganeti's --require-authentication)", async () => {
    const strict = await createRapiHarness({ requireAuth: true });
    try {
      expect((await strict.call({ path: "/2/info" })).status).toBe(401);
      expect((await strict.call({ path: "/2/info", auth: { user: "viewer", password: USERS.viewer } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("refuses bodies that are not JSON, do not parse, or are too large, and takes an empty body as none", async () => {
    const put = (extra: object) => h.write({ method: "PUT", path: "/2/instances/none.example.org/shutdown", ...extra });
    expect(await put({ rawBody: "{}", headers: { "Content-Type": "text/plain" } })).toMatchObject({ status: 415, body: { code: 415 } });
    expect(await put({ rawBody: '{"timeout": ' })).toMatchObject({ status: 400, body: { message: "Unable to parse JSON data" } });
    expect(await put({ rawBody: JSON.stringify({ pad: "x".repeat(70 * 1024) }) })).toMatchObject({ status: 413, body: { code: 413 } });
    expect((await h.write({ method: "PUT", path: "/2/instances/none.example.org/startup", rawBody: "" })).status).toBe(200);
    expect((await h.write({ method: "PUT", path: "/2/instances/none.example.org/startup", rawBody: "{}", headers: { "Content-Type": "application/json; charset=utf-8" } })).status).toBe(200);
  });

  it("stops reading a chunked body past the limit", async () => {
    const url = new URL("/2/tags?tag=x", h.rapi.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: "PUT", headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from("admin:s3cret").toString("base64")}` } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      const chunk = "x".repeat(16 * 1024);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it("writes one access log line per request, with the user and the job it submitted", async () => {
    const answer = await h.write({ method: "PUT", path: "/2/tags?tag=logged" });
    expect(answer.status).toBe(200);
    await h.call({ path: "/2/info", auth: { user: "mallory\nforged", password: "x" } });
    // The log is appended asynchronously: wait for the line of the last request.
    let lines: string[] = [];
    for (let i = 0; i < 100 && !lines.at(-1)?.includes("mallory"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      lines = h.accessLog().trim().split("\n");
    }
    expect(lines.find((l) => l.includes("tag=logged"))).toMatch(
      new RegExp(`^\\S+Z addr=127\\.0\\.0\\.1 user=admin method=PUT path=/2/tags\\?tag=logged status=200 job=${answer.body} ms=\\d+$`),
    );
    expect(lines.at(-1)).toMatch(/user=mallory%0Aforged\(failed\) method=GET path=\/2\/info status=401 job=- /);
  });
});
