// RAPI users, as Ganeti reads them from its users file (lib/http/auth.py): one user per line, `name password [options]`,
// options comma-separated (only `read` and `write` grant anything), `#` comments and blank lines ignored. Passwords are
// plain (not starting with "{"), {CLEARTEXT}pw, or {HA1}md5("user:Ganeti Remote API:password") in hex; scheme names and
// the hex digest are case-insensitive. The file is read again whenever it changes on disk.
import crypto from "node:crypto";
import fs from "node:fs";
import { writeFileAtomicSync } from "../../config/atomic-write";

export const AUTH_REALM = "Ganeti Remote API";

export type RapiUser = { name: string; password: string; options: string[] };

export type ParsedUsers = { users: Map<string, RapiUser>; warnings: string[] };

export function parseUsersFile(contents: string): ParsedUsers {
  const users = new Map<string, RapiUser>();
  const warnings: string[] = [];
  contents.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    // Python's line.split(None, 2): name, password, and the rest of the line as the options.
    const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!match) {
      warnings.push(`line ${index + 1}: ignored, it needs a user name and a password`);
      return;
    }
    const [, name, password, options] = match as unknown as [string, string, string, string | undefined];
    users.set(name, { name, password, options: options ? options.split(",").map((o) => o.trim()).filter(Boolean) : [] });
  });
  return { users, warnings };
}

/** Ganeti's VerifyBasicAuthPassword, with comparisons that take the same time whatever matches. */
export function verifyPassword(user: RapiUser, password: string): boolean {
  let expected = user.password;
  if (!expected.startsWith("{")) expected = `{CLEARTEXT}${expected}`;
  const end = expected.indexOf("}", 1);
  if (end <= 1) return false;
  const scheme = expected.slice(0, end + 1).toUpperCase();
  const secret = expected.slice(end + 1);
  if (scheme === "{CLEARTEXT}") return sameText(password, secret);
  if (scheme === "{HA1}") return sameText(ha1(user.name, password), secret.toLowerCase());
  return false;
}

export function ha1(user: string, password: string): string {
  return crypto.createHash("md5").update(`${user}:${AUTH_REALM}:${password}`).digest("hex");
}

function sameText(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}

export type UserDirectory = { lookup(name: string): RapiUser | undefined };

/** The users file, re-read when its inode, size or modification time changes (checked on each lookup). */
export class UsersFile implements UserDirectory {
  private users = new Map<string, RapiUser>();
  private stamp = "";

  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  lookup(name: string): RapiUser | undefined {
    this.refresh();
    return this.users.get(name);
  }

  private refresh(): void {
    let stamp: string;
    try {
      const st = fs.statSync(this.file);
      stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      stamp = "missing";
    }
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    if (stamp === "missing") {
      this.users = new Map();
      this.warn(`no users file at ${this.file}: only anonymous reads are possible`);
      return;
    }
    try {
      const parsed = parseUsersFile(fs.readFileSync(this.file, "utf8"));
      for (const warning of parsed.warnings) this.warn(`${this.file}: ${warning}`);
      this.users = parsed.users;
    } catch (error) {
      // Unreadable: keep nobody rather than a stale list that may hold a removed user.
      this.users = new Map();
      this.warn(`cannot read ${this.file}: ${(error as Error).message}`);
    }
  }
}

/**
 * Sets one user's line in a users file (made 0600 when missing), keeping every other line as it is: the password as
 * {HA1}, so the file does not hold it in clear. masterd sees the change on its next lookup.
 */
export function setUsersFileEntry(file: string, name: string, password: string, options: string[]): void {
  if (!/^\S+$/.test(name)) throw new Error(`RAPI user name '${name}' must not contain spaces`);
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split(/\r?\n/) : [];
  const kept = lines.filter((line) => line.trim().split(/\s+/)[0] !== name);
  while (kept.length && kept.at(-1) === "") kept.pop();
  kept.push(`${name} {HA1}${ha1(name, password)} ${options.join(",")}`.trim(), "");
  writeFileAtomicSync(file, kept.join("\n"), 0o600);
}
