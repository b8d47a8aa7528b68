/**
 * AWS-17: which integration responses were written with `selectionPattern: ""`. AWS
 * echoes `""` for those and leaves the field out when it was never sent; moto drops
 * the empty string, so the parity layer remembers them itself, per REST API, resource,
 * HTTP method and status code, and forgets them with what contains them.
 */
export class EmptyPatterns {
  private readonly keys = new Set<string>();

  private key(parts: readonly string[]): string {
    return parts.join("\u0000");
  }

  /** Was the integration response of this method and code written with `""`? */
  has(restApiId: string, resourceId: string, httpMethod: string, statusCode: string): boolean {
    return this.keys.has(this.key([restApiId, resourceId, httpMethod, statusCode]));
  }

  /** Record the selection pattern just written (anything but `""` forgets the code). */
  remember(restApiId: string, resourceId: string, httpMethod: string, statusCode: string, pattern: unknown): void {
    const k = this.key([restApiId, resourceId, httpMethod, statusCode]);
    if (pattern === "") this.keys.add(k);
    else this.keys.delete(k);
  }

  /** Forget everything under a REST API, a resource, or a method (`prefix` of the key). */
  forget(...prefix: string[]): void {
    const p = this.key(prefix) + "\u0000";
    for (const k of this.keys) if (k.startsWith(p)) this.keys.delete(k);
  }

  /** Forget everything. */
  clear(): void {
    this.keys.clear();
  }
}
