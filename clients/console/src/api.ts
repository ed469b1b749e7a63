// The API as the console sees it: one openapi-fetch client typed by the
// schema that openapi-typescript generates from openapi/openapi.json, the
// signed-in session, and the one place error bodies are read.

import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type Schemas = components["schemas"];
export type Account = Schemas["AccountOut"];
export type Subscription = Schemas["SubscriptionOut"];
export type Line = Schemas["LineOut"];
export type Agent = Schemas["AgentOut"];
export type PurchaseOptions = Schemas["PurchaseOptionsOut"];
export type Channel = PurchaseOptions["options"][number]["channel"];
export type SeatChangeIn = Schemas["SeatChangeIn"];
export type Preview = Schemas["SeatChangePreviewOut"];
export type SalesRequestIn = Schemas["SalesRequestIn"];
export type SalesRequest = Schemas["SalesRequestOut"];
export type Notification = Schemas["NotificationOut"];
export type Problem = Schemas["Problem"];

// ------------------------------------------------------------------ session

/** Kept in sessionStorage: gone when the tab closes, never in the build or the URL. */
export interface Session {
  accountId: string;
  key: string;
}

const STORE = "seatkeeper.console";

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(STORE);
  return raw === null ? null : (JSON.parse(raw) as Session);
}

export function saveSession(session: Session | null): void {
  if (session === null) sessionStorage.removeItem(STORE);
  else sessionStorage.setItem(STORE, JSON.stringify(session));
}

// ------------------------------------------------------------------- client

/** Same origin: Vite's dev server and preview forward /v1 to the service. */
export const api = createClient<paths>({ baseUrl: "" });

const bearer: Middleware = {
  onRequest({ request }) {
    const session = loadSession();
    if (session !== null) request.headers.set("Authorization", `Bearer ${session.key}`);
    return request;
  },
};
api.use(bearer);

/** A fresh Idempotency-Key per user action: a retried click never acts twice. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function ifMatch(version: number): string {
  return `"${version}"`;
}

// ----------------------------------------------------------------- problems

/**
 * Any non-2xx answer, as the problem+json body the contract promises. Views
 * catch this and branch on `problem.code`, never on the status alone.
 */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title}: ${problem.detail}`);
  }
}

/**
 * `seats_exhausted` as the console reads it, from the generated schemas. The
 * spec does not type this 409 body yet (and its MissingSeatsOut lacks the
 * `capacity` and `assigned` the body carries): when it does, derive this
 * interface from that schema here, and the views stay as they are.
 */
export interface SeatsExhausted extends Problem {
  code: "seats_exhausted";
  missing: (Schemas["MissingSeatsOut"] & { capacity: number; assigned: number })[];
  quote: Schemas["QuoteOut"];
  purchase_options: PurchaseOptions;
  waiting: number;
}

/** The one reader of error bodies: whatever openapi-fetch typed, a Problem. */
function readProblem(error: unknown, response: Response): Problem {
  const body = (typeof error === "object" && error !== null ? error : {}) as Partial<Problem>;
  return {
    ...body,
    type: body.type ?? "about:blank",
    title: body.title ?? response.statusText,
    status: body.status ?? response.status,
    detail: body.detail ?? `HTTP ${response.status}`,
    code: body.code ?? "http_error",
  };
}

export function seatsExhausted(problem: Problem): SeatsExhausted | null {
  return problem.code === "seats_exhausted" ? (problem as SeatsExhausted) : null;
}

/** The data of a 2xx answer, or an ApiError carrying the problem. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answer;
  try {
    answer = await call;
  } catch (failure) {
    // No answer at all (the service or the proxy is down): a problem all the same.
    const detail = failure instanceof Error ? failure.message : String(failure);
    throw new ApiError({ type: "about:blank", title: "No answer", status: 0, detail, code: "network_error" });
  }
  const { data, error, response } = answer;
  if (!response.ok) throw new ApiError(readProblem(error, response));
  return data as T;
}
