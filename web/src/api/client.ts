// The one API client: its paths and bodies are generated from the API's OpenAPI document.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "@generated/schema";
import { session } from "@/lib/session";

export type Schemas = components["schemas"];

/** An answer that is not a success, in the API's one error shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** The field a 422 names (`details: [{field, message}]`, `path` for a plan's errors, or a
   * message "field: …"), for showing next to it. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const item of this.details as { field?: string; path?: string; message?: string }[]) {
        const where = item.field ?? item.path;
        if (where && item.message) out[where] = item.message;
      }
    }
    const named = /^([A-Za-z_][\w.[\]]*): (.+)$/.exec(this.message);
    if (named && !Object.keys(out).length) out[named[1]!] = named[2]!;
    return out;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    if (session.token) request.headers.set("Authorization", `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && session.token) session.expire();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(auth);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiFailure carrying the API's Chinese message. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: unknown } };
  throw new ApiFailure(
    response.status,
    body.error?.code ?? "failed",
    body.error?.message ?? `请求失败（${response.status}）`,
    body.error?.details,
  );
}

/** A file answer (an export or a report) saved through the browser. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.token}` } });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ApiFailure(response.status, "failed", body.error?.message ?? "下载失败", null);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
