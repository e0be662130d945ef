// Where to go after signing in: only a path on this site, never another origin ("//evil.example", "https://…").
export const REQUEST_PATH_HEADER = "x-gantry-request-path";

export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value;
}
