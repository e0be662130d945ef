// Ganeti's generic query (lib/rapi/rlib2.py R_2_query, R_2_query_fields): GET with ?fields=a,b, or PUT with a body
// {fields, qfilter} (legacy key `filter`; fields may come from the query string). The answer is {data, fields}, each
// cell [status, value].
import { z } from "zod";
import type { QueryFilter } from "../../../query/filter";
import { badRequest } from "../http-errors";
import { parseBody, stringArg, type RapiRequest } from "../request";
import type { Resource } from "../routes";
import { checkQueryFilter } from "./query-filter";

const splitFields = (raw: string) => raw.split(",").map((f) => f.trim());

function fieldsArg(req: RapiRequest): string[] {
  const raw = stringArg(req, "fields");
  if (raw === undefined) throw badRequest("Missing 'fields' query argument");
  return splitFields(raw);
}

const filterSchema = z.array(z.unknown(), { message: "a query filter is a list such as [\"=\", \"name\", \"web1\"]" }).nullable().optional();

const queryBody = z
  .object({
    fields: z.array(z.string(), { message: "'fields' must be a list of field names" }).optional(),
    qfilter: filterSchema,
    filter: filterSchema,
  })
  .strict();

async function runQuery(req: RapiRequest, fields: string[], filter: QueryFilter) {
  if (req.backend.queryText) return req.backend.queryText(req.items[0]!, fields, filter);
  const result = await req.backend.query(req.items[0]!, fields, filter);
  return { data: result.data, fields: result.fields };
}

function putQuery(req: RapiRequest) {
  if (req.body === null) throw badRequest("Body contents: Type is 'NoneType', but 'dict' is expected");
  const body = parseBody(queryBody, req.body);
  const filter = body.qfilter ?? body.filter ?? null;
  checkQueryFilter(filter, body.qfilter ? "qfilter" : "filter");
  return runQuery(req, body.fields ?? fieldsArg(req), filter as QueryFilter);
}

export const QUERY_RESOURCES: Resource[] = [
  {
    path: "/2/query/{name}",
    name: "query",
    GET: (req) => runQuery(req, fieldsArg(req), null),
    PUT: putQuery,
    access: { GET: ["write", "read"], PUT: ["write", "read"] },
  },
  {
    path: "/2/query/{name}/fields",
    name: "query_fields",
    GET: (req) => {
      const raw = stringArg(req, "fields");
      return req.backend.queryFields(req.items[0]!, raw === undefined ? null : splitFields(raw));
    },
  },
];
