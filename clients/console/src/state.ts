// What every view reads: the account as last loaded, and how to reload it.

import {
  api,
  ok,
  type Account,
  type Agent,
  type Channel,
  type Notification,
  type PurchaseOptions,
  type SalesRequest,
  type Subscription,
} from "./api";

export interface Loaded {
  account: Account;
  subscription: Subscription;
  /** What this caller may do to buy or remove seats (and whom to ask when nothing). */
  options: PurchaseOptions;
  agents: Agent[];
  moreAgents: boolean;
  notifications: Notification[];
  salesRequests: SalesRequest[];
  /** Product or suite code -> display name, from the catalog. */
  names: Map<string, string>;
}

export interface Context {
  accountId: string;
  state: Loaded;
  /** Load everything again and redraw every view. */
  refresh(): Promise<void>;
  /** A one-line message at the top: what just happened, or what went wrong. */
  flash(message: string, kind?: "ok" | "error"): void;
}

const PAGE = 200;

export async function load(accountId: string): Promise<Loaded> {
  const path = { account_id: accountId };
  const [account, subscription, options, agents, notifications, salesRequests, catalog] =
    await Promise.all([
      ok(api.GET("/v1/accounts/{account_id}", { params: { path } })),
      ok(api.GET("/v1/accounts/{account_id}/subscription", { params: { path } })),
      ok(api.GET("/v1/accounts/{account_id}/purchase-options", { params: { path } })),
      ok(api.GET("/v1/accounts/{account_id}/agents", { params: { path, query: { limit: PAGE } } })),
      ok(api.GET("/v1/accounts/{account_id}/notifications", { params: { path } })),
      ok(api.GET("/v1/accounts/{account_id}/sales-requests", { params: { path } })),
      ok(api.GET("/v1/catalog")),
    ]);
  return {
    account,
    subscription,
    options,
    agents: agents.data,
    moreAgents: agents.next_cursor !== null,
    notifications: notifications.data,
    salesRequests: salesRequests.data,
    names: new Map([...catalog.products, ...catalog.suites].map((item) => [item.code, item.name])),
  };
}

export function isOpen(options: PurchaseOptions, channel: Channel): boolean {
  return options.options.some((option) => option.channel === channel && option.available);
}

export function productName(state: Loaded, code: string): string {
  return state.names.get(code) ?? code;
}

/** A line the subscription is bought by: a suite (all its products move together) or a product alone. */
export interface SeatTarget {
  code: string;
  label: string;
  seats: number;
  line: { suite: string } | { product: string };
}

/** Each suite once, then each product bought on its own, keyed by code. */
export function seatTargets(state: Loaded): Map<string, SeatTarget> {
  const found = new Map<string, SeatTarget>();
  for (const line of state.subscription.lines) {
    const code = line.suite ?? line.product;
    if (found.has(code)) continue;
    found.set(code, {
      code,
      label: productName(state, code),
      seats: line.seats,
      line: line.suite ? { suite: line.suite } : { product: line.product },
    });
  }
  return found;
}

/** The code of the target a product is bought through. */
export function targetOf(state: Loaded, product: string): string {
  return state.subscription.lines.find((line) => line.product === product)?.suite ?? product;
}
