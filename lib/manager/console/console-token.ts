// Console tokens: single-use link secrets (lib/manager/secrets/link-token.ts) handed to the browser once. The browser
// presents the token on the console's WebSocket URL.
import { hashLinkToken, newLinkToken } from "@/lib/manager/secrets/link-token";

export const CONSOLE_WS_PATH = "/console/ws";

export const newConsoleToken = newLinkToken;

export const hashConsoleToken = hashLinkToken;

export const consoleTokenPath = (token: string): string => `${CONSOLE_WS_PATH}?token=${encodeURIComponent(token)}`;
