/**
 * Resource paths: their canonical form ({@link canonicalPath}) and the error of a
 * path that does not exist in a REST API ({@link PathNotFoundError}). Path resolution
 * itself reads the REST API: `resolvePaths` in `observe.ts`.
 */
import type { ApiSnapshot } from "./reads";

/** A resource path that does not exist in a REST API. */
export class PathNotFoundError extends Error {
  override readonly name = "PathNotFoundError";
  /** Stable code. */
  readonly code = "PATH_NOT_FOUND" as const;
  readonly restApiId: string;
  /** The first path that does not exist. */
  readonly path: string;
  /** Every path asked for that does not exist, in the order asked. */
  readonly paths: readonly string[];
  /** The request id of the `GetResources` read that did not list it. */
  readonly requestId?: string;

  constructor(restApiId: string, paths: string | readonly string[], snapshot: ApiSnapshot) {
    const missing = typeof paths === "string" ? [paths] : paths;
    const path = missing[0]!;
    const requestId = snapshot.requestIds[0] ?? snapshot.absence?.requestId;
    const known = snapshot.resources
      .map((r) => r.path)
      .filter((p): p is string => typeof p === "string")
      .sort();
    const hint = !snapshot.exists
      ? `the REST API does not exist (${snapshot.absence?.message ?? "404"})`
      : `${known.length} path(s) exist${known.length ? `, e.g. ${known.slice(0, 5).join(", ")}` : ""}`;
    const what =
      missing.length === 1
        ? `resource path ${JSON.stringify(path)} does not exist`
        : `${missing.length} resource paths do not exist: ${missing.map((p) => JSON.stringify(p)).join(", ")}`;
    super(`PATH_NOT_FOUND: ${what} in REST API ${restApiId}: ${hint} (GetResources request id ${requestId ?? "none"})`);
    this.restApiId = restApiId;
    this.path = path;
    this.paths = missing;
    this.requestId = requestId;
  }
}

/** `/users/` → `/users`; `""` → `/`. Paths are otherwise compared exactly (they are case-sensitive). */
export function canonicalPath(path: string): string {
  const p = path.trim();
  if (p === "" || p === "/") return "/";
  const withSlash = p.startsWith("/") ? p : `/${p}`;
  return withSlash.endsWith("/") ? withSlash.slice(0, -1) : withSlash;
}
