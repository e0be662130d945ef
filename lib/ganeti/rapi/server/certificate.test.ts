import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureCertificate, splitPem } from "./certificate";

describe("the RAPI certificate", () => {
  it("is made once, kept private, valid for the cluster's names and 127.0.0.1, and reused", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapi-cert-"));
    const first = ensureCertificate(dir, ["cluster1.example.org", "node1.example.org"]);
    expect(first.created).toBe(true);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    const cert = new crypto.X509Certificate(first.cert);
    expect(cert.subject).toMatch(/CN=cluster1\.example\.org/);
    expect(cert.checkHost("node1.example.org")).toBe("node1.example.org");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.verify(cert.publicKey)).toBe(true);
    const again = ensureCertificate(dir, ["other.example.org"]);
    expect(again.created).toBe(false);
    expect(again.fingerprint256).toBe(first.fingerprint256);
    fs.rmSync(dir, { recursive: true });
  });

  it("refuses a rapi.pem without a matching key", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapi-cert-"));
    const made = ensureCertificate(dir, ["a.example.org"]);
    const { key } = splitPem(fs.readFileSync(made.file, "utf8"));
    fs.writeFileSync(made.file, key);
    expect(() => ensureCertificate(dir, [])).toThrow(/one private key and a certificate/);
    const otherKey = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    fs.writeFileSync(made.file, otherKey + made.cert);
    expect(() => ensureCertificate(dir, [])).toThrow(/does not belong/);
    fs.rmSync(dir, { recursive: true });
  });
});
