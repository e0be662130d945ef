import { describe, expect, it } from "vitest";
import { checkHealth } from "@/lib/server/health";

describe("checkHealth", () => {
  it("is 200 and ok when the database answers", async () => {
    const { httpStatus, body } = await checkHealth(async () => 1, "1.2.3");
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ status: "ok", db: "ok", version: "1.2.3" });
  });

  it("is 503 and names the database when it does not", async () => {
    const { httpStatus, body } = await checkHealth(async () => {
      throw new Error("unable to open database file\nstack…");
    }, "1.2.3");
    expect(httpStatus).toBe(503);
    expect(body).toMatchObject({ status: "error", db: "error", error: "database: unable to open database file" });
  });
});
