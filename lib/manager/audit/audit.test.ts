// Searching and exporting the audit log, against a real SQLite database.
import { beforeEach, describe, expect, it } from "vitest";
import { auditRows, useTestActors } from "@/lib/manager/users/test-actors";
import { exportAuditCsv } from "./audit-csv";
import { searchAudit } from "./search-audit";

const f = useTestActors();
beforeEach(async () => {
  const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 11, day, hour));
  await f.db.auditEntry.createMany({
    data: [
      { at: at(1), action: "user.sign_in", result: "failed", actorEmail: "eve@example.org", ip: "203.0.113.9", objectType: "user", objectName: "eve@example.org", message: "Unknown account." },
      { at: at(2), action: "user.sign_in", result: "success", actorEmail: "root@example.org", actorId: f.admin.id, objectType: "user", objectName: "root@example.org" },
      { at: at(3), action: "cluster.add", result: "success", actorEmail: "root@example.org", objectType: "cluster", objectName: "lab", clusterId: "c1", after: '{"slug":"lab"}' },
      { at: at(4), action: "cluster.remove", result: "refused", actorEmail: "bob@example.org", objectType: "cluster", objectName: "lab", clusterId: "c1", message: "Only a superuser may do this." },
      { at: at(5, 23), action: "group.create", result: "success", actorEmail: "root@example.org", objectType: "group", objectName: "ops" },
    ],
  });
});

const search = (input: Record<string, unknown> = {}) => searchAudit({ db: f.db }, { actor: f.admin, input });
const names = async (input: Record<string, unknown>) => (await search(input)).items.map((e) => `${e.action}:${e.objectName}`);

describe("searching the audit log", () => {
  it("lists newest first, a page at a time, with before and after as JSON", async () => {
    const first = await search({ pageSize: "2" });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((e) => e.action)).toEqual(["group.create", "cluster.remove"]);
    const second = await search({ page: "2", pageSize: "2" });
    expect(second.items.map((e) => e.action)).toEqual(["cluster.add", "user.sign_in"]);
    expect(second.items[0]).toMatchObject({ at: "2026-12-03T12:00:00.000Z", after: { slug: "lab" }, before: null, clusterId: "c1" });
    expect((await search({ page: 9 })).items).toEqual([]);
  });

  it("filters by free text, action prefix, actor, result, object type, cluster and dates", async () => {
    expect(await names({ q: "UNKNOWN" })).toEqual(["user.sign_in:eve@example.org"]);
    expect(await names({ q: "lab" })).toEqual(["cluster.remove:lab", "cluster.add:lab"]);
    // % and _ are taken literally, not as SQL wildcards.
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({ q: "superuser_may" })).toEqual([]);
    expect(await names({ action: "user.sign_" })).toHaveLength(2);
    expect(await names({ action: "cluster." })).toEqual(["cluster.remove:lab", "cluster.add:lab"]);
    expect(await names({ action: "user.sign_in", result: "failed" })).toEqual(["user.sign_in:eve@example.org"]);
    expect(await names({ actor: "BOB@example.org" })).toEqual(["cluster.remove:lab"]);
    expect(await names({ objectType: "group" })).toEqual(["group.create:ops"]);
    expect(await names({ clusterId: "c1", result: "success" })).toEqual(["cluster.add:lab"]);
    // A date alone is the whole day; an instant is exact.
    expect(await names({ from: "2026-12-02", to: "2026-12-03" })).toEqual(["cluster.add:lab", "user.sign_in:root@example.org"]);
    expect(await names({ to: "2026-12-05" })).toHaveLength(5);
    expect(await names({ from: "2026-12-05T23:00:00Z" })).toEqual(["group.create:ops"]);
    expect(await names({ to: "2026-12-05T22:59:59+00:00", from: "2026-12-04" })).toEqual(["cluster.remove:lab"]);
    // Empty fields of a form are no filter.
    expect(await names({ q: "", action: "", result: "" })).toHaveLength(5);
  });

  it("says what is wrong with a filter", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ pageSize: "501" }, "Page size: 1 to 500."],
      [{ pageSize: "ten" }, "Page size: 1 to 500."],
      [{ page: "0" }, "Page: a whole number from 1."],
      [{ result: "ok" }, "Result: success, refused or failed."],
      [{ from: "yesterday" }, "From: an ISO date such as 2026-12-06 or an instant such as 2026-12-06T14:30:00Z."],
      [{ to: "2026-02-30" }, "To: an ISO date such as 2026-12-06 or an instant such as 2026-12-06T14:30:00Z."],
      [{ from: "2026-12-05", to: "2026-12-01" }, "From: after To; swap them."],
      [{ sort: "at" }, "Unknown field(s): sort."],
    ];
    for (const [input, message] of cases) await expect(search(input), JSON.stringify(input)).rejects.toThrow(message);
  });

  it("is not itself audited, but a refused attempt is", async () => {
    await search();
    expect(await f.db.auditEntry.count()).toBe(5);
    await expect(searchAudit({ db: f.db }, { actor: f.user, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    expect((await auditRows(f.db)).at(-1)).toMatchObject({ action: "audit.search", result: "refused", actorEmail: f.user.email });
  });
});

const collect = async (chunks: AsyncIterable<string>) => {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
};
const HEADER = "at,actorEmail,actorId,persona,ip,action,result,objectType,objectId,objectName,clusterId,jobId,message,before,after\r\n";

describe("exporting the audit log as CSV", () => {
  it("writes the filtered rows newest first, quoted as RFC 4180 says, and audits the export", async () => {
    const csv = await exportAuditCsv({ db: f.db }, { actor: f.admin, input: { action: "cluster.", page: "3" } }, { batch: 1 });
    expect(csv).toMatchObject({ rows: 2, total: 2, capped: false, filename: expect.stringMatching(/^gantry-audit-\d{8}T\d{6}Z\.csv$/) });
    expect(await collect(csv.chunks)).toBe(
      HEADER +
        '2026-12-04T12:00:00.000Z,bob@example.org,,,,cluster.remove,refused,cluster,,lab,c1,,Only a superuser may do this.,,\r\n' +
        '2026-12-03T12:00:00.000Z,root@example.org,,,,cluster.add,success,cluster,,lab,c1,,,,"{""slug"":""lab""}"\r\n',
    );
    expect((await auditRows(f.db)).at(-1)).toMatchObject({
      action: "audit.export",
      result: "success",
      actorEmail: f.admin.email,
      message: "CSV of 2 row(s); filters: action=cluster..",
    });
  });

  it("defuses formulas planted in the log, e.g. as the e-mail typed at sign-in", async () => {
    await f.db.auditEntry.create({ data: { action: "user.sign_in", result: "failed", actorEmail: '=HYPERLINK("http://evil.example","click")', objectName: "@x", message: "-1+1" } });
    const text = await collect((await exportAuditCsv({ db: f.db }, { actor: f.admin, input: { q: "evil" } })).chunks);
    expect(text.split("\r\n")[1]).toMatch(/^[^,]+,"'=HYPERLINK\(""http:\/\/evil.example"",""click""\)",,,,user.sign_in,failed,,,'@x,,,'-1\+1,,$/);
  });

  it("stops at the cap, lists the log as it stood when asked (not its own row), and says so in a last line", async () => {
    const csv = await exportAuditCsv({ db: f.db }, { actor: f.admin, input: {} }, { cap: 3, batch: 2 });
    expect(csv).toMatchObject({ rows: 3, total: 5, capped: true });
    const lines = (await collect(csv.chunks)).split("\r\n");
    expect(lines).toHaveLength(6); // header, 3 rows, the note, and the empty string after the last CRLF
    expect(lines.slice(1, 4).map((l) => l.split(",")[5])).toEqual(["group.create", "cluster.remove", "cluster.add"]);
    expect(lines[4]).toBe("Export stopped at 3 rows of 5; narrow the filters (e.g. from/to) to export the rest.");
    expect((await auditRows(f.db)).at(-1)!.message).toBe("CSV of 3 row(s) (capped; 5 matched); filters: none.");
    const all = await collect((await exportAuditCsv({ db: f.db }, { actor: f.admin, input: {} })).chunks);
    expect(all.split("\r\n")).toHaveLength(1 + 6 + 1); // the five rows and the first export's row
  });

  it("neither repeats nor skips rows of the same millisecond across batches", async () => {
    const at = new Date(Date.UTC(2026, 11, 3, 12));
    await f.db.auditEntry.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ at, action: `test.same_ms`, result: "success", objectName: `n${i}` })) });
    const text = await collect((await exportAuditCsv({ db: f.db }, { actor: f.admin, input: {} }, { batch: 2 })).chunks);
    const objectNames = text.split("\r\n").slice(1, -1).map((line) => line.split(",")[9]);
    expect(objectNames).toHaveLength(12);
    expect(new Set(objectNames.filter((n) => n!.startsWith("n")))).toEqual(new Set(["n0", "n1", "n2", "n3", "n4", "n5", "n6"]));
  });

  it("refuses a non-superuser, auditing the attempt, and bad filters", async () => {
    await expect(exportAuditCsv({ db: f.db }, { actor: f.user, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    expect((await auditRows(f.db)).at(-1)).toMatchObject({ action: "audit.export", result: "refused", actorEmail: f.user.email });
    await expect(exportAuditCsv({ db: f.db }, { actor: f.admin, input: { result: "maybe" } })).rejects.toThrow("Result: success, refused or failed.");
  });
});
