import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ha1, parseUsersFile, setUsersFileEntry, UsersFile, verifyPassword } from "./users";

describe("the RAPI users file", () => {
  it("reads users, passwords and options as Ganeti does, skipping comments and short lines", () => {
    const { users, warnings } = parseUsersFile("# comment\n\nadmin s3cret write\nreader {CLEARTEXT}r34d read, write\nlonely\nplain pw\n");
    expect([...users.keys()]).toEqual(["admin", "reader", "plain"]);
    expect(users.get("reader")).toEqual({ name: "reader", password: "{CLEARTEXT}r34d", options: ["read", "write"] });
    expect(users.get("plain")!.options).toEqual([]);
    expect(warnings).toEqual(["line 5: ignored, it needs a user name and a password"]);
  });

  it("checks plain, {CLEARTEXT} and {HA1} passwords, schemes and digests case-insensitively", () => {
    const user = (password: string) => ({ name: "jack", password, options: [] });
    expect(verifyPassword(user("abc123"), "abc123")).toBe(true);
    expect(verifyPassword(user("abc123"), "abc124")).toBe(false);
    expect(verifyPassword(user("{cleartext}pw"), "pw")).toBe(true);
    const digest = ha1("jack", "pw");
    expect(digest).toBe("bf113317bc207b9982e1245bb158c249"); // md5("jack:Ganeti Remote API:pw"), as Ganeti's docs compute it
    expect(verifyPassword(user(`{HA1}${digest.toUpperCase()}`), "pw")).toBe(true);
    expect(verifyPassword(user(`{ha1}${digest}`), "other")).toBe(false);
    expect(verifyPassword(user("{SHA}whatever"), "whatever")).toBe(false);
    expect(verifyPassword(user("{}x"), "x")).toBe(false);
  });

  it("is read again when it changes, and empty while missing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapi-users-"));
    const file = path.join(dir, "users");
    const warnings: string[] = [];
    const users = new UsersFile(file, (w) => warnings.push(w));
    expect(users.lookup("admin")).toBeUndefined();
    expect(warnings[0]).toMatch(/no users file/);
    fs.writeFileSync(file, "admin one write\n");
    expect(users.lookup("admin")!.password).toBe("one");
    fs.writeFileSync(file, "admin second-password write\n");
    expect(users.lookup("admin")!.password).toBe("second-password");
    fs.rmSync(file);
    expect(users.lookup("admin")).toBeUndefined();
    fs.rmSync(dir, { recursive: true });
  });

  it("sets one user's entry as {HA1}, keeping the other lines, in a private file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapi-users-"));
    const file = path.join(dir, "users");
    setUsersFileEntry(file, "gantry-web", "first", ["write"]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.appendFileSync(file, "# an operator's comment\nadmin s3cret write\n");
    setUsersFileEntry(file, "gantry-web", "second", ["write"]);
    const text = fs.readFileSync(file, "utf8");
    expect(text).not.toContain("second");
    expect(text).toContain("# an operator's comment\nadmin s3cret write\n");
    const { users } = parseUsersFile(text);
    expect([...users.keys()]).toEqual(["admin", "gantry-web"]);
    expect(verifyPassword(users.get("gantry-web")!, "second")).toBe(true);
    expect(verifyPassword(users.get("gantry-web")!, "first")).toBe(false);
    expect(users.get("gantry-web")!.options).toEqual(["write"]);
    fs.rmSync(dir, { recursive: true });
  });
});
