// Console tokens: 32 random bytes, base64url, handed to the browser once; the database keeps only their SHA-256, so
// a copy of the database opens no console. The browser presents the token on the console's WebSocket URL.
import crypto from "node:crypto";

export const CONSOLE_WS_PATH = "/console/ws";

export const newConsoleToken = (): string => crypto.randomBytes(32).toString("base64url");

export const hashConsoleToken = (token: string): string => crypto.createHash("sha256").update(token, "utf8").digest("hex");

export const consoleTokenPath = (token: string): string => `${CONSOLE_WS_PATH}?token=${encodeURIComponent(token)}`;
