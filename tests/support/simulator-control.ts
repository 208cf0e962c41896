/**
 * The simulator's control API (`/__simulator/...`) for integration tests: request counts,
 * faults, rate-limit settings. See `simulator/server.ts` for the routes.
 */

/** A caller of the control API of the simulator at `simulatorUrl`; answers parsed JSON. */
export function simulatorControl(simulatorUrl: string) {
  return async function simulator<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await fetch(`${simulatorUrl}/__simulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (res.status === 204 ? null : await res.json()) as T;
  };
}
