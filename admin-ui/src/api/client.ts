import apiFetch from '@wordpress/api-fetch';

/** What the PHP side prints before the bundle (`window.mlConnector`, see plugin/includes/class-admin-page.php). */
export interface PageSettings {
  restRoot: string;
  namespace: string;
  nonce: string;
}

/** Every failure as the sidecar words it: a stable code and a sentence the merchant can act on. */
export interface ApiError {
  code: string;
  message: string;
}

let namespace = 'ml-connector/v1';

/**
 * Points the bundled api-fetch at this site's REST root and nonce. The page's own setup only configures
 * WordPress's copy (`wp.apiFetch`), never the one in our bundle, so without this every call would miss.
 */
export function configureApi(settings: PageSettings): void {
  namespace = settings.namespace;
  apiFetch.use(apiFetch.createRootURLMiddleware(settings.restRoot));
  apiFetch.use(apiFetch.createNonceMiddleware(settings.nonce));
}

/** Turns whatever api-fetch rejected with into an ApiError: the proxy's `{error}`, WordPress's `{code}`, or a throw. */
export function toApiError(reason: unknown): ApiError {
  if (reason && typeof reason === 'object') {
    const body = reason as { error?: Partial<ApiError>; code?: unknown; message?: unknown };
    if (body.error && typeof body.error.message === 'string') {
      return { code: String(body.error.code ?? 'ERROR'), message: body.error.message };
    }
    if (typeof body.message === 'string') return { code: String(body.code ?? 'ERROR'), message: body.message };
  }
  return { code: 'ERROR', message: 'The request failed. Check the connection to WordPress and try again.' };
}

type Query = Record<string, string | number | undefined>;

/** The path of one of the plugin's routes, with the query parameters that are set. */
export function routePath(route: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/${namespace}/${route}${search ? `?${search}` : ''}`;
}

/** Calls a plugin route; rejects with an ApiError. PUT and PATCH go as POST with X-HTTP-Method-Override (api-fetch). */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  route: string,
  options: { query?: Query; data?: unknown } = {},
): Promise<T> {
  try {
    return await apiFetch<T>({ path: routePath(route, options.query), method, data: options.data });
  } catch (reason) {
    throw toApiError(reason);
  }
}
