// How a frontend uses the seatkeeper API through the types generated from
// openapi/openapi.json (`npm run check` regenerates them, then runs tsc).
//
// Nothing here runs: it only has to compile. Every type below is reached by
// plain indexed access, so a path, method, status, media type or field that
// leaves the spec is a compile error here, not a runtime surprise in a client.

import type { components, paths } from "./generated/schema";

type Schemas = components["schemas"];

// ---------------------------------------------------------------- transport

/** Whatever the app sends requests with (fetch, axios, a test double). */
export interface Transport {
  send(request: {
    method: "GET" | "POST" | "PATCH" | "DELETE";
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
}

// ------------------------------------------------------------ request bodies

type CreateAccountBody =
  paths["/v1/accounts"]["post"]["requestBody"]["content"]["application/json"];
type AddAgentBody =
  paths["/v1/accounts/{account_id}/agents"]["post"]["requestBody"]["content"]["application/json"];
type SeatChangeBody =
  paths["/v1/accounts/{account_id}/seat-changes"]["post"]["requestBody"]["content"]["application/json"];
type SalesRequestBody =
  paths["/v1/accounts/{account_id}/sales-requests"]["post"]["requestBody"]["content"]["application/json"];

// Fresh object literals: a field the spec drops is an excess property, a field
// it renames or newly requires is a missing one; both fail to compile.
export const newAccount: CreateAccountBody = {
  name: "Acme",
  billing_mode: "self_service",
  billing_cycle: "monthly",
  currency: "USD",
  owner: { user_id: "u_1001", email: "ana@acme.example", name: "Ana" },
  subscription: [
    { suite: "support_suite", seats: 5 },
    { product: "chat", seats: 2 },
  ],
};

export const newAgent: AddAgentBody = {
  user_id: "u_1002",
  email: "ben@acme.example",
  name: "Ben",
  products: ["support"],
  buy_missing_seats: false,
};

export const seatChange: SeatChangeBody = {
  changes: [{ suite: "support_suite", seats: 8 }],
  effective: "at_renewal",
  downgrade: ["u_1002"],
};

export const salesRequest: SalesRequestBody = {
  kind: "add_seats",
  seats: 10,
  suite: "support_suite",
  message: "Ten more for the holiday season",
};

// ---------------------------------------------------------- response shapes

type Subscription =
  paths["/v1/accounts/{account_id}/subscription"]["get"]["responses"][200]["content"]["application/json"];
type SubscriptionLine = Subscription["lines"][number];
type LineState = SubscriptionLine["state"];

/** What the add-agent call answers with when the account is out of seats. */
type AddAgentConflict =
  paths["/v1/accounts/{account_id}/agents"]["post"]["responses"][409]["content"]["application/problem+json"];

type AgentsPage =
  paths["/v1/accounts/{account_id}/agents"]["get"]["responses"][200]["content"]["application/json"];
type Agent = AgentsPage["data"][number];

// A label for every line state: a state the spec adds or drops fails here.
const stateLabel: Record<LineState, string> = {
  ok: "OK",
  near_limit: "Almost full",
  full: "Full",
  over: "Over capacity",
};

export interface SeatBar {
  product: string;
  label: string;
  used: number;
  of: number;
  percent: number;
}

export function seatBars(subscription: Subscription): SeatBar[] {
  return subscription.lines.map((line: SubscriptionLine): SeatBar => {
    const used: number = line.assigned;
    const of: number = line.capacity;
    return {
      product: line.product,
      label: stateLabel[line.state],
      used,
      of,
      percent: of === 0 ? 100 : Math.round((used / of) * 100),
    };
  });
}

// ------------------------------------------------------------------ problems

type Problem = Schemas["Problem"];

/** The 409 of the routes that take seats: with `code` `seats_exhausted`, it
 * says what is missing, what buying it costs and who may buy, all typed. */
type SeatsExhausted = Schemas["SeatsExhaustedProblem"];

export function seatsExhausted(problem: AddAgentConflict): SeatsExhausted | null {
  return problem.code === "seats_exhausted" ? problem : null;
}

/** What to tell the user: the seats missing, what they cost now, who can buy them.
 * A member the spec drops or retypes fails to compile here. */
export function shortfallMessage(problem: SeatsExhausted): string {
  const missing = (problem.missing ?? []).map((line) => `${line.count} ${line.product}`);
  const quote = problem.quote;
  const cost = quote ? `costs ${(quote.amount_due / 100).toFixed(2)} ${quote.currency} now` : "";
  const contact = problem.purchase_options?.contact;
  const ask = contact ? `ask ${contact.name} <${contact.email}>` : "";
  return [`Missing: ${missing.join(", ")}`, cost, ask].filter((part) => part !== "").join("; ");
}

export function problemMessage(problem: Problem): string {
  const issues = problem.errors ?? [];
  const where = issues.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`);
  return [`${problem.title} (${problem.code})`, problem.detail, ...where].join("\n");
}

// -------------------------------------------------------------------- pages

/** Every list endpoint answers `{ data, next_cursor }`. */
interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export async function* everyItem<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetchPage(cursor);
    yield* page.data;
    cursor = page.next_cursor;
  } while (cursor !== null);
}

// -------------------------------------------------------------- a tiny client

type CreatedAccount =
  paths["/v1/accounts"]["post"]["responses"][201]["content"]["application/json"];
type AddedAgent =
  paths["/v1/accounts/{account_id}/agents"]["post"]["responses"][201]["content"]["application/json"];
type CreatedSeatChange =
  paths["/v1/accounts/{account_id}/seat-changes"]["post"]["responses"][201]["content"]["application/json"];
type CreatedSalesRequest =
  paths["/v1/accounts/{account_id}/sales-requests"]["post"]["responses"][201]["content"]["application/json"];
type AccountId = paths["/v1/accounts/{account_id}/agents"]["post"]["parameters"]["path"]["account_id"];

export class SeatkeeperClient {
  constructor(private readonly transport: Transport) {}

  private async call<T>(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }> {
    const request = {
      method,
      path,
      ...(body === undefined ? {} : { body }),
      ...(headers === undefined ? {} : { headers }),
    };
    const response = await this.transport.send(request);
    return { status: response.status, body: response.body as T };
  }

  async createAccount(body: CreateAccountBody): Promise<CreatedAccount> {
    return (await this.call<CreatedAccount>("POST", "/v1/accounts", body)).body;
  }

  async addAgent(
    accountId: AccountId,
    body: AddAgentBody,
    idempotencyKey: string,
  ): Promise<AddedAgent | SeatsExhausted> {
    const path = `/v1/accounts/${accountId}/agents`;
    const headers = { "Idempotency-Key": idempotencyKey };
    const response = await this.call<AddedAgent | AddAgentConflict>("POST", path, body, headers);
    if (response.status === 409) {
      const exhausted = seatsExhausted(response.body as AddAgentConflict);
      if (exhausted !== null) return exhausted;
    }
    return response.body as AddedAgent;
  }

  async changeSeats(accountId: AccountId, body: SeatChangeBody): Promise<CreatedSeatChange> {
    const path = `/v1/accounts/${accountId}/seat-changes`;
    return (await this.call<CreatedSeatChange>("POST", path, body)).body;
  }

  async requestSeats(accountId: AccountId, body: SalesRequestBody): Promise<CreatedSalesRequest> {
    const path = `/v1/accounts/${accountId}/sales-requests`;
    return (await this.call<CreatedSalesRequest>("POST", path, body)).body;
  }

  async subscription(accountId: AccountId): Promise<Subscription> {
    const path = `/v1/accounts/${accountId}/subscription`;
    return (await this.call<Subscription>("GET", path)).body;
  }

  agents(accountId: AccountId): AsyncGenerator<Agent> {
    return everyItem<Agent>(async (cursor) => {
      const query = cursor === null ? "" : `?cursor=${encodeURIComponent(cursor)}`;
      const path = `/v1/accounts/${accountId}/agents${query}`;
      const page: AgentsPage = (await this.call<AgentsPage>("GET", path)).body;
      return page;
    });
  }
}
