// The console: sign in with an account id and an API key (kept in
// sessionStorage), then the subscription page of that account.

import "./style.css";
import { ApiError, loadSession, saveSession, type Session } from "./api";
import { fields, h, show } from "./dom";
import { load, type Context } from "./state";
import { agentsView } from "./views/agents";
import { changesView } from "./views/changes";
import { notificationsView, salesRequestsView } from "./views/activity";
import { usageView } from "./views/usage";

const app = document.querySelector<HTMLElement>("#app")!;
const who = document.querySelector<HTMLElement>("#who")!;

function signIn(message?: string): void {
  show(who);
  const form = h(
    "form",
    {
      id: "signin",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const values = fields(form);
        saveSession({ accountId: (values["account"] ?? "").trim(), key: (values["key"] ?? "").trim() });
        void open();
      },
    },
    h("h2", {}, "Open an account"),
    h("label", {}, "Account id ", h("input", { name: "account", placeholder: "acct_...", required: true })),
    h("label", {}, "API key ", h("input", { name: "key", type: "password", placeholder: "sk_...", required: true, autocomplete: "off" })),
    h("button", { type: "submit" }, "Open"),
    message ? h("p", { class: "error" }, message) : null,
    h("p", { class: "meta" }, "The key stays in this tab (sessionStorage) and is sent only to this origin."),
  );
  show(app, form);
}

async function open(): Promise<void> {
  const session: Session | null = loadSession();
  if (session === null) return signIn();
  let state;
  try {
    state = await load(session.accountId);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    saveSession(null);
    return signIn(error.message);
  }
  const flashLine = h("p", { id: "flash", role: "status" });
  const ctx: Context = {
    accountId: session.accountId,
    state,
    async refresh() {
      ctx.state = await load(ctx.accountId);
      for (const view of views) view.update();
    },
    flash(message, kind = "ok") {
      flashLine.className = kind;
      flashLine.textContent = message;
    },
  };
  const views = [usageView(ctx), agentsView(ctx), changesView(ctx), salesRequestsView(ctx), notificationsView(ctx)];
  for (const view of views) view.update();
  show(who, h("span", {}, `${state.account.name} · ${session.accountId} `),
    h("button", { type: "button", class: "link", onclick: () => { saveSession(null); signIn(); } }, "sign out"));
  show(app, flashLine, h("div", { class: "grid" }, views.map((view) => view.element)));
}

void open();
