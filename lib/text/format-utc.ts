// A moment as people read it in an e-mail or a page shown to anyone anywhere: "2026-12-07 21:05 UTC".
export const formatUtc = (at: Date | string): string => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
