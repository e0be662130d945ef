import { expect, test } from "@playwright/test";

test("GET /api/health answers 200 with the database's state, without signing in", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({ status: "ok", db: "ok", version: expect.any(String) });
});

test("pages cannot be framed by another site and keep their content type", async ({ request }) => {
  const response = await request.get("/login");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});
