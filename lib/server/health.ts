// Health of this installation for load balancers and operators: 200 when every part answers, 503 naming the part
// that does not.
export type HealthReport = {
  status: "ok" | "error";
  db: "ok" | "error";
  version: string;
  uptimeSeconds: number;
  error?: string;
};

export async function checkHealth(probeDatabase: () => Promise<unknown>, version: string): Promise<{ httpStatus: 200 | 503; body: HealthReport }> {
  const uptimeSeconds = Math.round(process.uptime());
  try {
    await probeDatabase();
    return { httpStatus: 200, body: { status: "ok", db: "ok", version, uptimeSeconds } };
  } catch (error) {
    const message = (error as Error).message?.split("\n")[0] ?? String(error);
    return { httpStatus: 503, body: { status: "error", db: "error", version, uptimeSeconds, error: `database: ${message}` } };
  }
}
