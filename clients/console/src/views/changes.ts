// Change seat totals: preview first (who would be downgraded, what it costs),
// then confirm exactly that preview: the confirm carries the version the
// preview was made at (If-Match), so a change made in between is refused
// (412) instead of downgrading someone the owner was not shown.

import {
  api,
  ok,
  ifMatch,
  idempotencyKey,
  ApiError,
  type Preview,
  type SeatChangeIn,
} from "../api";
import { day, fields, h, money, show } from "../dom";
import { isOpen, productName, seatTargets, type Context } from "../state";
import { salesRequestForm } from "./purchase";

export function changesView(ctx: Context) {
  const formSlot = h("div");
  const answer = h("div", { class: "answer" });

  function previewPanel(body: SeatChangeIn, preview: Preview, version: number) {
    const confirm = async () => {
      try {
        const change = await ok(
          api.POST("/v1/accounts/{account_id}/seat-changes", {
            params: { path: { account_id: ctx.accountId } },
            body,
            headers: { "Idempotency-Key": idempotencyKey(), "If-Match": ifMatch(version) },
          }),
        );
        const downgraded = change.downgraded_agents.map((agent) => agent.user_id);
        const when = change.status === "scheduled" && change.effective_at ? ` for ${day(change.effective_at)}` : "";
        show(answer);
        ctx.flash(
          `Seat change ${change.id} ${change.status}${when}` +
            (downgraded.length > 0 ? `; downgraded: ${downgraded.join(", ")}.` : "."),
        );
        await ctx.refresh();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const stale = error.problem.code === "precondition_failed";
        show(answer, h("p", { class: "error" },
          stale ? "The account changed since this preview: preview again." : error.message));
      }
    };
    const [first] = preview.lines;
    const decrease = preview.lines.some((line) => line.to < line.from);
    return h(
      "div",
      { class: "preview", "data-testid": "preview" },
      h("h3", {}, `Preview: ${preview.effective === "at_renewal" ? "at renewal" : "now"}`),
      h("ul", {},
        preview.lines.map((line) =>
          h("li", {}, `${productName(ctx.state, line.product)}: ${line.from} → ${line.to} (${money(line.unit_price, preview.currency)} a seat per cycle)`))),
      h("p", {}, `Due now: ${money(preview.amount_due, preview.currency)} · next renewal: ${money(preview.renewal_amount, preview.currency)}`),
      preview.downgraded_agents.length > 0
        ? h("div", { class: "downgraded", "data-testid": "downgraded" },
            h("strong", {}, `${preview.downgraded_agents.length} would give up seats:`),
            h("ul", {}, preview.downgraded_agents.map((agent) =>
              h("li", { "data-user": agent.user_id },
                `${agent.user_id} (${agent.email}): ${agent.products.map((code) => productName(ctx.state, code)).join(", ")}`))))
        : decrease ? h("p", {}, "Nobody would be downgraded.") : null,
      h("ul", { class: "warnings" }, preview.warnings.map((warning) => h("li", {}, warning.detail))),
      preview.can_apply
        ? h("button", { type: "button", "data-testid": "confirm-change", onclick: confirm }, "Confirm this change")
        : h("div", {},
            h("p", { class: "error" }, preview.apply_refusal?.detail ?? "You may not make this change."),
            isOpen(ctx.state.options, "sales_request") && first
              ? salesRequestForm(ctx, {
                  product: first.product,
                  seats: Math.abs(first.to - first.from),
                  kind: decrease ? "remove_seats" : "add_seats",
                })
              : null),
    );
  }

  async function previewChange(event: Event) {
    event.preventDefault();
    const values = fields(event.currentTarget as HTMLFormElement);
    const target = seatTargets(ctx.state).get(values["target"] ?? "");
    if (!target) return;
    const body: SeatChangeIn = {
      changes: [{ ...target.line, seats: Number(values["seats"]) }],
      effective: values["effective"] === "at_renewal" ? "at_renewal" : "immediately",
    };
    const version = ctx.state.subscription.version;
    try {
      const preview = await ok(
        api.POST("/v1/accounts/{account_id}/seat-changes/preview", {
          params: { path: { account_id: ctx.accountId } },
          body,
          headers: { "If-Match": ifMatch(version) },
        }),
      );
      show(answer, previewPanel(body, preview, version));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      show(answer, h("p", { class: "error" }, error.message));
    }
  }

  const element = h("section", { id: "changes" }, h("h2", {}, "Change seats"), formSlot, answer);
  return {
    element,
    update() {
      const choices = [...seatTargets(ctx.state).values()];
      const [firstChoice] = choices;
      const seats = h("input", { name: "seats", type: "number", min: 0, required: true, "aria-label": "new total",
        value: firstChoice?.seats ?? 0 });
      const pick = h("select", { name: "target", "aria-label": "line",
        onchange: () => { seats.value = String(seatTargets(ctx.state).get(pick.value)?.seats ?? 0); } },
        choices.map((choice) => h("option", { value: choice.code }, `${choice.label} (${choice.seats} seats)`)));
      show(
        formSlot,
        h("form", { class: "change", "data-testid": "change-seats", onsubmit: previewChange },
          pick,
          h("label", {}, "new total ", seats),
          h("select", { name: "effective", "aria-label": "when" },
            h("option", { value: "immediately" }, "now"),
            h("option", { value: "at_renewal" }, "at renewal")),
          h("button", { type: "submit" }, "Preview")),
      );
    },
  };
}
