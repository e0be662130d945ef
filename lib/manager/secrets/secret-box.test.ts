import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "@/lib/db/testing";
import { loadOrCreateSecretKey, SecretBox } from "./secret-box";

const box = () => SecretBox.fromKey(crypto.randomBytes(32).toString("base64"));

describe("SecretBox", () => {
  it("opens what it sealed, in the same place only, and hides the text", () => {
    const b = box();
    const sealed = b.seal("s3cret password", "cluster:abc:rapi-password");
    expect(sealed).not.toContain("s3cret");
    expect(b.seal("s3cret password", "cluster:abc:rapi-password")).not.toBe(sealed); // a fresh IV every time
    expect(b.open(sealed, "cluster:abc:rapi-password")).toBe("s3cret password");
    expect(() => b.open(sealed, "cluster:other:rapi-password")).toThrow(/does not open with this installation's key/);
  });

  it("refuses another key, a tampered value and a foreign format with a message that says what to do", () => {
    const sealed = box().seal("x", "c");
    expect(() => box().open(sealed, "c")).toThrow(/enter it again/);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("y").toString("base64url");
    expect(() => box().open(parts.join("."), "c")).toThrow(/enter it again/);
    expect(() => box().open("plain-text", "c")).toThrow(/not in a format this version reads/);
  });

  it("takes a key as 64 hex digits or base64 of 32 bytes, and nothing weaker", () => {
    expect(() => SecretBox.fromKey("ab".repeat(32))).not.toThrow();
    expect(() => SecretBox.fromKey(crypto.randomBytes(32).toString("base64url"))).not.toThrow();
    expect(() => SecretBox.fromKey("short")).toThrow(/32 random bytes/);
    expect(() => SecretBox.fromKey(crypto.randomBytes(16).toString("base64"))).toThrow(/32 random bytes/);
  });
});

describe("loadOrCreateSecretKey", () => {
  it("makes a private key file once and reads it afterwards", () => {
    const dir = makeTempDir();
    const first = loadOrCreateSecretKey(dir);
    expect(first.created).toBe(true);
    expect(fs.statSync(path.join(dir, "secret-key")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecretKey(dir)).toEqual({ key: first.key, created: false });
    fs.writeFileSync(path.join(dir, "secret-key"), "damaged\n");
    expect(() => loadOrCreateSecretKey(dir)).toThrow(/secret-key must be 32 random bytes/);
    fs.rmSync(dir, { recursive: true });
  });
});
