/**
 * Where a dashboard may listen: a loopback address unless the caller allows remote access
 * explicitly (the dashboard has no authentication: anyone who reaches it reads every study
 * and can write notes), and which Host headers it answers (on loopback, only loopback names:
 * a page on another site cannot reach it through DNS rebinding).
 */

/** Whether `host` is a loopback address or name (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Checks a bind address.
 * @returns null for loopback; for another host with `allowRemote`, the warning to print.
 * @throws RangeError naming `host` when it is not loopback and `allowRemote` is false.
 */
export function checkBind(host: string, allowRemote: boolean): string | null {
  if (isLoopback(host)) return null;
  if (!allowRemote)
    throw new RangeError(
      `dashboard: host ${JSON.stringify(host)} is not a loopback address (127.0.0.1, ::1, localhost); serving other machines needs allowRemote (--allow-remote)`,
    );
  return `warning: the dashboard listens on ${host}, reachable from other machines, with no authentication: anyone who reaches it reads every study and can change notes`;
}

/**
 * Whether a request's Host header is one the dashboard answers: any when remote access was
 * allowed; on loopback, a loopback name with the dashboard's port.
 */
export function hostAllowed(header: string | undefined, port: number, remote: boolean): boolean {
  if (remote) return true;
  if (header === undefined) return false;
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(header);
  return m !== null && Number(m[2]) === port && isLoopback(m[1]!);
}
