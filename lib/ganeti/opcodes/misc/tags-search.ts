// OP_TAGS_SEARCH (gnt-cluster search-tags): every tag matching a regular expression, as [path, tag] pairs with
// Ganeti's paths ("/cluster", "/instances/NAME", "/nodes/NAME", "/nodegroup/NAME").
import { z } from "zod";
import { OpPrereqError } from "../../errors";
import { defineOpcode, opParams } from "../definition";

const params = opParams({ pattern: z.string().min(1, "a search pattern is required") });

export const tagsSearch = defineOpcode<z.infer<typeof params>, { re: RegExp }>({
  id: "OP_TAGS_SEARCH",
  params,
  summaryField: "pattern",
  locks: () => [],
  prereq(_ctx, p) {
    try {
      return { re: new RegExp(p.pattern) };
    } catch (error) {
      throw new OpPrereqError(`Invalid search pattern '${p.pattern}': ${(error as Error).message}`, "wrong_input");
    }
  },
  async exec(ctx, _p, { re }) {
    const { config } = ctx;
    const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    const targets: Array<[string, string[]]> = [
      ["/cluster", config.cluster.tags],
      ...byName(config.instances()).map((i): [string, string[]] => [`/instances/${i.name}`, i.tags]),
      ...byName(config.nodes()).map((n): [string, string[]] => [`/nodes/${n.name}`, n.tags]),
      ...byName(config.groups()).map((g): [string, string[]] => [`/nodegroup/${g.name}`, g.tags]),
    ];
    const results: Array<[string, string]> = [];
    for (const [path, tags] of targets) for (const tag of tags) if (re.test(tag)) results.push([path, tag]);
    return results;
  },
});
