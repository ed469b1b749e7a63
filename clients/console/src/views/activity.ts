// What happened to the account: the owner's notifications and the account's
// sales requests to its rep.

import { api, ok, ApiError } from "../api";
import { h, show } from "../dom";
import { productName, type Context } from "../state";

export function notificationsView(ctx: Context) {
  const element = h("section", { id: "notifications" });
  const markRead = async (id: string) => {
    try {
      await ok(
        api.POST("/v1/accounts/{account_id}/notifications/{notification_id}/read", {
          params: { path: { account_id: ctx.accountId, notification_id: id } },
        }),
      );
      await ctx.refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.flash(error.message, "error");
    }
  };
  return {
    element,
    update() {
      const { notifications } = ctx.state;
      const unread = notifications.filter((item) => item.read_at === null).length;
      show(
        element,
        h("h2", {}, "Notifications ", unread > 0 ? h("span", { class: "badge" }, unread) : null),
        notifications.length === 0 ? h("p", { class: "meta" }, "None yet.") : null,
        h("ul", { class: "notifications" },
          notifications.map((item) =>
            h("li", { class: item.read_at === null ? "unread" : "read", "data-type": item.type },
              h("div", { class: "title" }, item.title),
              h("div", { class: "body" }, item.body),
              h("div", { class: "meta" }, item.created_at.slice(0, 16).replace("T", " "), " ",
                item.read_at === null
                  ? h("button", { type: "button", class: "link", onclick: () => markRead(item.id) }, "mark read")
                  : null)))),
      );
    },
  };
}

export function salesRequestsView(ctx: Context) {
  const element = h("section", { id: "sales-requests" });
  return {
    element,
    update() {
      const requests = ctx.state.salesRequests;
      element.hidden = requests.length === 0;
      show(
        element,
        h("h2", {}, "Sales requests"),
        h("table", {},
          h("tbody", {},
            requests.map((request) =>
              h("tr", { "data-id": request.id },
                h("td", {}, request.id),
                h("td", {}, `${request.kind.replace("_", " ")}: ${request.seats} of ${productName(ctx.state, request.suite ?? request.product ?? "")}`),
                h("td", { class: "status" }, request.status),
                h("td", {}, request.message ?? ""))))),
      );
    },
  };
}
