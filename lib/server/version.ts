import pkg from "@/package.json" with { type: "json" };

export const GANTRY_VERSION: string = pkg.version;
