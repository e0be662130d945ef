import { describe, expect, it } from "vitest";
import { RapiHttpError } from "./http-errors";
import { ALL_RESOURCES } from "./resources/index";
import { accessFor, handlerFor, Router } from "./routes";

const router = new Router(ALL_RESOURCES);

describe("the RAPI resource table", () => {
  it("matches Ganeti's paths, names and ids", () => {
    expect(router.match("/2/instances/web1.example.org/shutdown")).toMatchObject({ resource: { name: "instances_name_shutdown" }, items: ["web1.example.org"] });
    expect(router.match("/2/instances/web-1_x/disk/3/grow")).toMatchObject({ items: ["web-1_x", "3"] });
    expect(router.match("/2/jobs/42/wait")).toMatchObject({ resource: { name: "jobs_id_wait" }, items: ["42"] });
    expect(router.match("/version")).toMatchObject({ resource: { name: "version" } });
    for (const path of ["/2/bogus", "/2/instances/", "/2/jobs/abc", "/2/instances/a%2Fb", "/2/instances/a b", "/3/info", "//2/info"]) {
      expect(router.match(path), path).toBeNull();
    }
  });

  it("answers 501 for a method a resource lacks, with the reason when Gantry lacks it", () => {
    const info = router.match("/2/info")!.resource;
    expect(() => handlerFor(info, "DELETE", "/2/info")).toThrow(RapiHttpError);
    try {
      handlerFor(router.match("/2/networks")!.resource, "POST", "/2/networks");
    } catch (error) {
      expect(error).toMatchObject({ status: 501, message: "Method POST is unsupported for path /2/networks; Gantry has no networks yet" });
    }
  });

  it("needs write for changes, read or write for queries and consoles, nothing for other reads", () => {
    const access = (path: string, method: "GET" | "PUT" | "POST" | "DELETE") => accessFor(router.match(path)!.resource, method);
    expect(access("/2/instances", "GET")).toEqual([]);
    expect(access("/2/instances", "POST")).toEqual(["write"]);
    expect(access("/2/jobs/1/wait", "GET")).toEqual(["write"]);
    expect(access("/2/nodes/n1/storage", "GET")).toEqual(["write"]);
    expect(access("/2/query/instance", "GET")).toEqual(["write", "read"]);
    expect(access("/2/instances/i1/console", "GET")).toEqual(["write", "read"]);
    expect(access("/2/query/instance/fields", "GET")).toEqual([]);
  });
});
