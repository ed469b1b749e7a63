// Seats per product: a bar of assigned over capacity, coloured by the line's
// state, and the change scheduled for renewal, if any.

import { api, ok, ifMatch, idempotencyKey, ApiError, type Line } from "../api";
import { day, h, show } from "../dom";
import { isOpen, productName, type Context, type Loaded } from "../state";

const STATE_LABEL: Record<Line["state"], string> = {
  ok: "OK",
  near_limit: "Almost full",
  full: "Full",
  over: "Over capacity",
};

function bar(state: Loaded, line: Line) {
  const percent = line.capacity === 0 ? 100 : Math.min(100, (line.assigned / line.capacity) * 100);
  const extras = [
    line.temporary_seats > 0 ? `${line.temporary_seats} temporary` : null,
    line.light_agents > 0 ? `${line.light_agents} light agents` : null,
    line.waiting > 0 ? `${line.waiting} waiting` : null,
  ].filter((text) => text !== null);
  return h(
    "div",
    { class: `line state-${line.state}`, "data-product": line.product, "data-state": line.state },
    h("span", { class: "product" }, productName(state, line.product)),
    h("div", { class: "bar", role: "meter", "aria-valuenow": line.assigned, "aria-valuemax": line.capacity },
      h("div", { class: "fill", style: `width: ${percent}%` })),
    h("span", { class: "count" }, `${line.assigned} / ${line.capacity}`),
    h("span", { class: "state" }, STATE_LABEL[line.state]),
    h("span", { class: "extras" }, extras.join(", ")),
  );
}

function pending(ctx: Context) {
  const change = ctx.state.subscription.pending_change;
  if (change === null || change === undefined) return null;
  const cancel = async () => {
    try {
      await ok(
        api.POST("/v1/accounts/{account_id}/seat-changes/{change_id}/cancel", {
          params: { path: { account_id: ctx.accountId, change_id: change.id } },
          headers: { "Idempotency-Key": idempotencyKey(), "If-Match": ifMatch(ctx.state.subscription.version) },
        }),
      );
      ctx.flash(`Scheduled change ${change.id} cancelled.`);
      await ctx.refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.flash(error.message, "error");
    }
  };
  const lines = change.lines.map((line) =>
    h("li", {}, `${productName(ctx.state, line.product)}: ${line.from} → ${line.to}`),
  );
  return h(
    "div",
    { class: "pending", "data-testid": "pending-change" },
    h("h3", {}, `Pending change, at renewal on ${day(change.effective_at)}`),
    lines.length > 0 ? h("ul", {}, lines) : h("p", {}, "Nothing left to change: it will be cancelled at renewal."),
    isOpen(ctx.state.options, "subscription_page")
      ? h("button", { type: "button", class: "secondary", onclick: cancel }, "Cancel this change")
      : null,
  );
}

export function usageView(ctx: Context) {
  const element = h("section", { id: "usage" });
  return {
    element,
    update() {
      const { subscription, account } = ctx.state;
      show(
        element,
        h("h2", {}, "Seats"),
        h("p", { class: "meta" },
          `${account.name} · ${account.billing_mode.replace("_", "-")} · ${subscription.billing_cycle} · `,
          `term ends ${day(subscription.term_end)} · status ${subscription.status}`),
        h("div", { class: "lines" }, subscription.lines.map((line) => bar(ctx.state, line))),
        pending(ctx),
      );
    },
  };
}
