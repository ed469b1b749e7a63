// What the console offers when seats run out: the `seats_exhausted` answer
// with its quote, and the ways this caller may get more seats (buy on the
// fly as the owner of a self-service account; ask the rep on a
// sales-assisted one; otherwise, whom to ask).

import {
  api,
  ok,
  idempotencyKey,
  ApiError,
  type Channel,
  type PurchaseOptions,
  type SalesRequestIn,
  type SeatsExhausted,
} from "../api";
import { fields, h, money, show } from "../dom";
import { isOpen, productName, seatTargets, targetOf, type Context } from "../state";

const CHANNEL_LABEL: Record<Channel, string> = {
  subscription_page: "Subscription page",
  on_the_fly: "Buy while adding the agent",
  sales_request: "Ask your sales rep",
};

export function optionsList(options: PurchaseOptions) {
  return h(
    "ul",
    { class: "options", "data-testid": "purchase-options" },
    options.options.map((option) =>
      h("li", { class: option.available ? "open" : "closed", "data-channel": option.channel },
        h("strong", {}, CHANNEL_LABEL[option.channel]), ": ",
        option.available ? `open (${option.actions.join(", ")})` : `closed: ${option.reason ?? option.reason_code ?? ""}`),
    ),
    options.contact
      ? h("li", { class: "contact" }, `Ask ${options.contact.name} (${options.contact.role.replace("_", " ")}, ${options.contact.email})`)
      : null,
  );
}

/** The sales-request form, prefilled with what is missing. */
export function salesRequestForm(ctx: Context, preset: { product: string; seats: number; kind: SalesRequestIn["kind"] }) {
  const result = h("p", { class: "result", "data-testid": "sales-request-result" });
  const rep = ctx.state.account.sales_rep;
  const targets = seatTargets(ctx.state);
  const preselected = targetOf(ctx.state, preset.product);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = fields(form);
    const target = targets.get(values["target"] ?? "");
    if (!target) return;
    const kind: SalesRequestIn["kind"] = values["kind"] === "remove_seats" ? "remove_seats" : "add_seats";
    const body: SalesRequestIn = {
      kind,
      seats: Number(values["seats"]),
      ...target.line,
      ...(values["message"] ? { message: values["message"] } : {}),
    };
    try {
      const created = await ok(
        api.POST("/v1/accounts/{account_id}/sales-requests", {
          params: { path: { account_id: ctx.accountId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey() },
        }),
      );
      const to = created.sales_rep ? `${created.sales_rep.name} (${created.sales_rep.email})` : "customer support";
      show(result, `Request ${created.id} sent to ${to}: ${created.status}.`);
      form.querySelector("button")?.setAttribute("disabled", "");
      await ctx.refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      show(result, h("span", { class: "error" }, error.message));
    }
  };
  return h(
    "form",
    { class: "sales-request", "data-testid": "sales-request-form", onsubmit: submit },
    h("h3", {}, rep ? `Ask ${rep.name}, your sales rep` : "Ask for seats"),
    h("label", {}, "Request ",
      h("select", { name: "kind" },
        (["add_seats", "remove_seats"] as const).map((kind) =>
          h("option", { value: kind, selected: kind === preset.kind }, kind === "add_seats" ? "more seats" : "fewer seats")))),
    h("label", {}, "Seats ", h("input", { name: "seats", type: "number", min: 1, value: preset.seats, required: true })),
    h("label", {}, "of ",
      h("select", { name: "target" },
        [...targets.values()].map((target) =>
          h("option", { value: target.code, selected: target.code === preselected }, target.label)))),
    h("label", { class: "wide" }, "Message ", h("input", { name: "message", placeholder: "Why, and by when" })),
    h("button", { type: "submit" }, "Send request"),
    result,
  );
}

/**
 * The refusal of an add as the owner should read it: what is missing, what
 * buying it costs now, and the way to get it. `retry` adds the same agent
 * again, buying the missing seats in the same transaction.
 */
export function exhaustedPanel(ctx: Context, refusal: SeatsExhausted, who: string, retry: () => Promise<void>) {
  const { quote } = refusal;
  const options = refusal.purchase_options;
  const most = Math.max(...refusal.missing.map((missing) => missing.count));
  const first = refusal.missing[0]?.product ?? ctx.state.subscription.lines[0]?.product ?? "";
  return h(
    "div",
    { class: "exhausted", "data-testid": "seats-exhausted" },
    h("h3", {}, refusal.title),
    h("p", {}, refusal.detail),
    h("table", { class: "quote", "data-testid": "quote" },
      h("thead", {}, h("tr", {}, h("th", {}, "Product"), h("th", {}, "In use"), h("th", {}, "Seats now"), h("th", {}, "After buying"))),
      h("tbody", {},
        quote.lines.map((line) => {
          const missing = refusal.missing.find((item) => item.product === line.product);
          return h("tr", { "data-product": line.product },
            h("td", {}, productName(ctx.state, line.product)),
            h("td", {}, missing ? `${missing.assigned} / ${missing.capacity}` : ""),
            h("td", {}, line.from),
            h("td", {}, line.to));
        })),
      h("tfoot", {}, h("tr", {}, h("td", { colspan: 3 }, "Due now (prorated)"),
        h("td", { class: "amount" }, money(quote.amount_due, quote.currency))))),
    refusal.waiting > 0 ? h("p", {}, `${refusal.waiting} waiting for a seat.`) : null,
    optionsList(options),
    isOpen(options, "on_the_fly")
      ? h("button", { type: "button", "data-testid": "buy-on-the-fly", onclick: retry },
          `Buy ${most} more seat${most === 1 ? "" : "s"} for ${money(quote.amount_due, quote.currency)} and add ${who}`)
      : null,
    isOpen(options, "sales_request") ? salesRequestForm(ctx, { product: first, seats: most, kind: "add_seats" }) : null,
  );
}
