// Why a console closed, as WebSocket close codes in the private 4000 range with a short text the console page can
// show as it is (a close reason holds at most 123 bytes). The README's console section lists them.
export const CloseCode = {
  vncClosed: 4000,
  idle: 4001,
  maxLength: 4002,
  sessionOver: 4003,
  permissionLost: 4004,
  deactivated: 4005,
  tooMany: 4006,
  tokenRefused: 4007,
  notSignedIn: 4008,
  unavailable: 4009,
  vncAuthFailed: 4010,
  vncUnreachable: 4011,
  protocolError: 4012,
  badRequest: 4013,
} as const;

export type ConsoleCloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** A console that cannot go on, with the code and text the browser gets. */
export class ConsoleError extends Error {
  /** How the audit log files it: refused (not allowed) or failed (allowed, but it did not work). */
  readonly result: "refused" | "failed";
  /** What only the audit log gets (addresses, the cluster's words). */
  readonly detail: string;

  constructor(readonly code: ConsoleCloseCode, message: string, options: { result?: "refused" | "failed"; detail?: string } = {}) {
    super(message);
    this.result = options.result ?? "failed";
    this.detail = options.detail ?? "";
  }
}

const MAX_REASON_BYTES = 123;

/** The text cut to what a close frame holds. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= MAX_REASON_BYTES) return text;
  let cut = text;
  while (Buffer.byteLength(`${cut}…`) > MAX_REASON_BYTES) cut = cut.slice(0, -1);
  return `${cut}…`;
}
