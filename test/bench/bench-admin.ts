/** What the benches share to drive a sidecar and read their size from the environment. */

export type AdminApi = (
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
) => Promise<Record<string, unknown>>;

/** The sidecar's admin API under `/api/v1`, with its token; a status of 300 or more throws with the body. */
export function adminApi(url: string, token: string): AdminApi {
  return async (method, path, body) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
}

/** A whole number from the environment variable `name` within [min, max], or `fallback` when it is unset. */
export function countFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < min || count > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${raw}.`);
  }
  return count;
}
