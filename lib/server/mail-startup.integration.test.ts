// The real server process with GANTRY_SMTP_URL set: mail that waited in the database goes out as soon as the server
// starts, its log names the SMTP server by host and port only (the URL holds the password), and it stops cleanly.
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { migrateSqlite } from "@/lib/db/migrate";
import { makeTempDir } from "@/lib/db/testing";
import { startTestSmtpServer } from "@/lib/mail/testing";
import { freePort, spawnServer, tsxServer } from "@/lib/server/testing";

const dir = makeTempDir("gantry-server-mail-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("delivers queued mail through the configured SMTP server from the start, without logging the password", async () => {
  const smtp = await startTestSmtpServer({ user: "gantry", password: "never-in-the-log" });
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir, { mode: 0o700 });
  migrateSqlite(path.join(dataDir, "gantry.db"));
  const db = createPrismaClient(`file:${path.join(dataDir, "gantry.db")}`);
  const { id } = await db.mailMessage.create({ data: { to: "ana@example.org", subject: "waited for the server", text: "Hello", kind: "request.approved", status: "queued" } });
  const server = spawnServer(tsxServer(), {
    PORT: String(await freePort()),
    GANTRY_DATA_DIR: dataDir,
    GANTRY_DEMO_CLUSTER: "0",
    GANTRY_SYNC_INTERVAL: "0",
    GANTRY_SMTP_URL: smtp.url("gantry", "never-in-the-log"),
    GANTRY_MAIL_FROM: "Gantry <gantry@example.org>",
  });
  try {
    const [mail] = await smtp.waitForMail(1, 30_000);
    expect(mail).toMatchObject({ from: "Gantry <gantry@example.org>", to: "ana@example.org", subject: "waited for the server", user: "gantry" });
    await expect.poll(async () => (await db.mailMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
    expect(server.output().stdout).toContain(`gantry: mail: delivering through 127.0.0.1:${smtp.port} as Gantry <gantry@example.org>`);
  } finally {
    server.signal("SIGTERM");
    await server.exited;
    await db.$disconnect();
    await smtp.close();
  }
  const { stdout, stderr } = server.output();
  expect(stdout).toContain("gantry: stopped.");
  expect(stdout + stderr).not.toContain("never-in-the-log");
});
