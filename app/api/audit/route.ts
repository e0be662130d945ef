// GET: the audit log (superusers), newest first: ?q=&action=&actor=&result=&objectType=&clusterId=&from=&to=&page=&pageSize=
// With &format=csv: the same filters as a CSV download (every page, up to 100,000 rows), streamed as it is read.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { exportAuditCsv } from "@/lib/manager/audit/audit-csv";
import { searchAudit } from "@/lib/manager/audit/search-audit";
import { json, withActor } from "@/lib/web/api";
import { textStream } from "@/lib/web/text-stream";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  withActor(async (actor) => {
    const { format = "json", ...input } = Object.fromEntries(new URL(request.url).searchParams);
    if (format !== "json" && format !== "csv") throw new AppError("wrong_input", "Format: json or csv.");
    if (format === "json") return json(await searchAudit({ db: db() }, { actor, input }));
    const csv = await exportAuditCsv({ db: db() }, { actor, input });
    return new Response(textStream(csv.chunks), {
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "content-disposition": `attachment; filename="${csv.filename}"`,
        "cache-control": "no-store",
      },
    });
  });
