// RFB (VNC) protocol numbers, RFC 6143. Gantry speaks version 3.8 only, to browsers (noVNC) and to VNC servers
// (QEMU, the fake instances' console servers); every current server and client offers it.
export const RFB_VERSION_3_8 = "RFB 003.008\n";
export const RFB_VERSION_LENGTH = 12;

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

/** X11 keysyms the consoles act on (RFB key events carry keysyms). */
export const Keysym = { backSpace: 0xff08, tab: 0xff09, returnKey: 0xff0d, escape: 0xff1b, delete: 0xffff, controlL: 0xffe3, altL: 0xffe9 } as const;
