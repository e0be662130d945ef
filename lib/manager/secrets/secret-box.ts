// Secrets at rest (a remote cluster's RAPI password): sealed with AES-256-GCM under the installation's key, bound to
// the row and field they belong to (authenticated data), so a sealed value copied into another row does not open.
// The key comes from GANTRY_SECRET_KEY or is generated once into $GANTRY_DATA_DIR/secret-key (0600); losing it means
// re-entering the cluster passwords, nothing else.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { writeFileAtomicSync } from "@/lib/ganeti/config/atomic-write";

export const SECRET_KEY_FILE = "secret-key";
const FORMAT = "v1";

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** A key written as 64 hex digits or as base64/base64url of 32 bytes; `source` names where it came from. */
  static fromKey(text: string, source = "GANTRY_SECRET_KEY"): SecretBox {
    const key = parseKey(text.trim());
    if (!key) throw new AppError("config_invalid", `${source} must be 32 random bytes, as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`).`);
    return new SecretBox(key);
  }

  /** `context` names where the value lives ("cluster:<id>:rapi-password"); the same context opens it. */
  seal(plain: string, context: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
  }

  open(sealed: string, context: string): string {
    const [format, iv, tag, body] = sealed.split(".");
    if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) {
      throw new AppError("config_invalid", `A stored secret (${context}) is not in a format this version reads; enter it again.`);
    }
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch (error) {
      throw new AppError(
        "config_invalid",
        `A stored secret (${context}) does not open with this installation's key: GANTRY_SECRET_KEY or ${SECRET_KEY_FILE} changed since it was saved; enter it again.`,
        { cause: error },
      );
    }
  }
}

function parseKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length === 32 ? bytes : null;
}

/** The installation's key from $dataDir/secret-key, made on first use. */
export function loadOrCreateSecretKey(dataDir: string): { key: string; created: boolean } {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file, "utf8").trim();
    SecretBox.fromKey(key, file); // a damaged file stops the start with a clear message rather than sealing with junk
    return { key, created: false };
  }
  const key = crypto.randomBytes(32).toString("base64");
  writeFileAtomicSync(file, `${key}\n`, 0o600);
  return { key, created: true };
}

let installationBox: { key: string; box: SecretBox } | null = null;

/** The box of this process's installation (server.ts puts the key in GANTRY_SECRET_KEY at start-up). */
export function installationSecretBox(env: Record<string, string | undefined> = process.env): SecretBox {
  const key = env.GANTRY_SECRET_KEY;
  if (!key) throw new AppError("config_invalid", "GANTRY_SECRET_KEY is not set: start Gantry through server.ts (npm start), which loads or makes it.");
  if (installationBox?.key !== key) installationBox = { key, box: SecretBox.fromKey(key) };
  return installationBox.box;
}
