// RFB (VNC) protocol numbers, RFC 6143. Gantry speaks version 3.8 to browsers (noVNC) and to VNC servers (QEMU, the
// fake instances' console servers); every current server and client offers it. The fake instances' console servers
// also answer clients of 3.3 and 3.7 (RFC 6143 appendix A), as QEMU does: Debian's vncsnapshot speaks only 3.3.
export const RFB_VERSION_3_8 = "RFB 003.008\n";
export const RFB_VERSION_LENGTH = 12;
/** The minor versions a server may settle on; any other 3.x a client names is taken as 3.3 (RFC 6143 §7.1.1). */
export type RfbMinorVersion = 3 | 7 | 8;

export const SecurityType = { invalid: 0, none: 1, vncAuth: 2 } as const;
export const SecurityResult = { ok: 0, failed: 1 } as const;

export const ClientMessage = {
  setPixelFormat: 0,
  setEncodings: 2,
  framebufferUpdateRequest: 3,
  keyEvent: 4,
  pointerEvent: 5,
  clientCutText: 6,
} as const;

export const ServerMessage = {
  framebufferUpdate: 0,
  setColourMapEntries: 1,
  bell: 2,
  serverCutText: 3,
} as const;

export const Encoding = { raw: 0, desktopSize: -223 } as const;

/** Sizes of the fixed parts of messages, in bytes (type byte included). */
export const MessageSize = {
  pixelFormat: 16,
  setPixelFormat: 20,
  setEncodingsHeader: 4,
  framebufferUpdateRequest: 10,
  keyEvent: 8,
  pointerEvent: 6,
  clientCutTextHeader: 8,
  framebufferUpdateHeader: 4,
  rectangleHeader: 12,
} as const;

/** X11 keysyms the consoles act on (RFB key events carry keysyms). */
export const Keysym = {
  backSpace: 0xff08,
  tab: 0xff09,
  returnKey: 0xff0d,
  escape: 0xff1b,
  delete: 0xffff,
  kpEnter: 0xff8d,
  kpDelete: 0xff9f,
  controlL: 0xffe3,
  controlR: 0xffe4,
  metaL: 0xffe7,
  metaR: 0xffe8,
  altL: 0xffe9,
  altR: 0xffea,
} as const;
