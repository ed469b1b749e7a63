// The agents: who holds seats, add one, remove one. An add that finds no
// free seat shows the refusal and the ways to get seats (purchase.ts).

import { api, ok, idempotencyKey, seatsExhausted, ApiError, type Agent } from "../api";
import { day, fields, h, show } from "../dom";
import { productName, type Context } from "../state";
import { exhaustedPanel } from "./purchase";

interface NewAgent {
  user_id: string;
  name: string;
  email: string;
}

export function agentsView(ctx: Context) {
  const table = h("div", { class: "agents" });
  const answer = h("div", { class: "answer" });

  async function add(agent: NewAgent, buy: boolean): Promise<void> {
    try {
      const added = await ok(
        api.POST("/v1/accounts/{account_id}/agents", {
          params: { path: { account_id: ctx.accountId } },
          body: { ...agent, role: "agent", buy_missing_seats: buy, wait_for_seat: false },
          headers: { "Idempotency-Key": idempotencyKey() },
        }),
      );
      show(answer);
      const bought = "seat_change_id" in added && added.seat_change_id ? ` (seats bought: ${added.seat_change_id})` : "";
      ctx.flash(`Added ${agent.user_id}${bought}.`);
      addForm.reset();
      await ctx.refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const refusal = seatsExhausted(error.problem);
      if (refusal === null) {
        show(answer, h("p", { class: "error" }, error.message));
        return;
      }
      show(answer, exhaustedPanel(ctx, refusal, agent.user_id, () => add(agent, true)));
    }
  }

  async function remove(agent: Agent): Promise<void> {
    try {
      await ok(
        api.DELETE("/v1/accounts/{account_id}/agents/{user_id}", {
          params: { path: { account_id: ctx.accountId, user_id: agent.user_id } },
          headers: { "Idempotency-Key": idempotencyKey() },
        }),
      );
      ctx.flash(`Removed ${agent.user_id}; their seats are free.`);
      await ctx.refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.flash(error.message, "error");
    }
  }

  const addForm = h(
    "form",
    {
      class: "add-agent",
      "data-testid": "add-agent",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const values = fields(addForm);
        void add({ user_id: values["user_id"] ?? "", name: values["name"] ?? "", email: values["email"] ?? "" }, false);
      },
    },
    h("input", { name: "user_id", placeholder: "user id", required: true, "aria-label": "user id" }),
    h("input", { name: "name", placeholder: "name", required: true, "aria-label": "name" }),
    h("input", { name: "email", type: "email", placeholder: "email", required: true, "aria-label": "email" }),
    h("button", { type: "submit" }, "Add agent"),
  );

  const element = h("section", { id: "agents" }, h("h2", {}, "Agents"), table, addForm, answer);
  return {
    element,
    update() {
      const { agents, moreAgents } = ctx.state;
      const rows = agents.map((agent) =>
        h("tr", { "data-user": agent.user_id, "data-role": agent.role },
          h("td", {}, agent.user_id),
          h("td", {}, agent.name),
          h("td", {}, agent.email),
          h("td", { class: "role" }, agent.is_owner ? "owner" : agent.role.replace("_", " ")),
          h("td", { class: "products" }, agent.products.map((code) => productName(ctx.state, code)).join(", ")),
          h("td", {}, agent.downgraded_at ? `downgraded ${day(agent.downgraded_at)}` : `since ${day(agent.agent_since)}`),
          h("td", {}, agent.is_owner ? null
            : h("button", { type: "button", class: "secondary", "aria-label": `Remove ${agent.user_id}`, onclick: () => remove(agent) }, "Remove")),
        ),
      );
      show(
        table,
        h("table", {},
          h("thead", {}, h("tr", {}, ["User", "Name", "Email", "Role", "Products", "", ""].map((title) => h("th", {}, title)))),
          h("tbody", {}, rows)),
        moreAgents ? h("p", { class: "meta" }, `Showing the newest ${agents.length}.`) : null,
      );
    },
  };
}
