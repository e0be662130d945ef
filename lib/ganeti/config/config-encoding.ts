// config.data as bytes: JSON.stringify of the whole configuration, or the same text assembled from the per-object
// blocks the SerializedMaps keep, so a commit re-encodes only the objects that changed.
import { ConfigurationError } from "../errors";
import type { ConfigData } from "../objects/types";
import type { SerializedMap } from "./serialized-map";

export const serialize = (data: ConfigData) => JSON.stringify(data);

/**
 * JSON.stringify(data), assembled from the maps' cached blocks for the keys in `blocks`. Sound because every change
 * goes through a ConfigStore mutation method that tells the map; with `selfCheck` (tests) each result is compared
 * with a full serialisation.
 */
export function encodeFromBlocks(data: ConfigData, blocks: Partial<Record<string, SerializedMap>>, selfCheck: boolean): Buffer[] {
  const parts: Buffer[] = [];
  Object.entries(data).forEach(([key, value], i) => {
    parts.push(Buffer.from(`${i ? "," : "{"}${JSON.stringify(key)}:`));
    const block = blocks[key];
    if (block) parts.push(...block.encode());
    else parts.push(Buffer.from(JSON.stringify(value)));
  });
  parts.push(Buffer.from("}"));
  if (selfCheck && Buffer.concat(parts).toString("utf8") !== serialize(data)) {
    throw new ConfigurationError("Internal error: the configuration was changed outside the ConfigStore's mutation methods");
  }
  return parts;
}
