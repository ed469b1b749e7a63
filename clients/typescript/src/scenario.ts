// A scenario a frontend or a service would run, through openapi-fetch on the
// types openapi-typescript generates (default flags) from openapi/openapi.json.
// `npm run scenario` compiles it and runs it against SEATKEEPER_URL with the
// platform-admin key SEATKEEPER_ADMIN_KEY (tests/contract/test_typescript_client.py
// starts a server for it). It prints one JSON line of what it checked and exits
// non-zero on the first thing that is not as the spec says.

import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type Schemas = components["schemas"];
type Problem = Schemas["Problem"];
type SeatsExhausted = Schemas["SeatsExhaustedProblem"];

const baseUrl = required("SEATKEEPER_URL");
const adminKey = required("SEATKEEPER_ADMIN_KEY");
const steps: string[] = [];

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`not as expected: ${what}`);
}

function clientFor(key: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });
}

/** A 409 of a route that takes seats, narrowed to the refusal with the quote. */
function seatsExhausted(problem: Problem | SeatsExhausted | undefined): SeatsExhausted | null {
  return problem !== undefined && problem.code === "seats_exhausted" && "missing" in problem
    ? (problem as SeatsExhausted)
    : null;
}

async function ownerKey(admin: ReturnType<typeof clientFor>, accountId: string): Promise<string> {
  const { data, error } = await admin.POST("/v1/accounts/{account_id}/api-keys", {
    params: { path: { account_id: accountId } },
    body: { name: "frontend", role: "owner" },
  });
  check(data !== undefined && typeof data.key === "string", `owner key: ${JSON.stringify(error)}`);
  return data.key;
}

async function main(): Promise<void> {
  const admin = clientFor(adminKey);

  // 1. The smallest account create: no defaulted field needs to be sent.
  const created = await admin.POST("/v1/accounts", {
    body: {
      name: "Acme",
      billing_mode: "self_service",
      owner: { user_id: "ana", email: "ana@acme.example", name: "Ana" },
      subscription: [{ suite: "support_suite", seats: 2 }],
    },
  });
  check(created.response.status === 201 && created.data !== undefined, "account created");
  const accountId = created.data.id;
  check(created.response.headers.get("X-Request-ID") !== null, "X-Request-ID on the answer");
  const owner = clientFor(await ownerKey(admin, accountId));
  steps.push("account created");

  // 2. Fill the seats, then handle seats_exhausted through its typed members.
  const agentsPath = "/v1/accounts/{account_id}/agents" as const;
  const path = { account_id: accountId };
  const ben = await owner.POST(agentsPath, {
    params: { path, header: { "Idempotency-Key": "add-ben" } },
    body: { user_id: "ben", email: "ben@acme.example", name: "Ben" },
  });
  check(ben.response.status === 201 && ben.data?.user_id === "ben", "ben added");
  const again = await owner.POST(agentsPath, {
    params: { path, header: { "Idempotency-Key": "add-ben" } },
    body: { user_id: "ben", email: "ben@acme.example", name: "Ben" },
  });
  check(again.response.headers.get("Idempotent-Replayed") === "true", "replayed");
  const cleo = { user_id: "cleo", email: "cleo@acme.example", name: "Cleo" };
  const refused = await owner.POST(agentsPath, { params: { path }, body: cleo });
  check(refused.response.status === 409, "cleo refused");
  const exhausted = seatsExhausted(refused.error);
  check(exhausted !== null, `seats_exhausted: ${JSON.stringify(refused.error)}`);
  const support = (exhausted.missing ?? []).find((line) => line.product === "support");
  check(support !== undefined && support.count === 1 && support.assigned === 2, "missing");
  check((exhausted.quote?.amount_due ?? 0) > 0 && exhausted.quote?.currency === "USD", "quote");
  const onTheFly = exhausted.purchase_options?.options.find((o) => o.channel === "on_the_fly");
  check(onTheFly?.available === true, "on_the_fly open to the owner");
  steps.push("seats filled, seats_exhausted typed (missing, quote, purchase_options)");

  // 3. Preview a change at the version read, then apply it with If-Match.
  const read = await owner.GET("/v1/accounts/{account_id}/subscription", { params: { path } });
  const etag = read.response.headers.get("ETag");
  check(read.data !== undefined && etag === `"${read.data.version}"`, "ETag is the version");
  const change = { changes: [{ suite: "support_suite", seats: 3 }] };
  const preview = await owner.POST("/v1/accounts/{account_id}/seat-changes/preview", {
    params: { path, header: { "If-Match": etag } },
    body: change,
  });
  check(preview.data?.can_apply === true && preview.data.amount_due > 0, "preview");
  const applied = await owner.POST("/v1/accounts/{account_id}/seat-changes", {
    params: { path, header: { "If-Match": etag } },
    body: change,
  });
  check(applied.response.status === 201 && applied.data?.status === "applied", "applied");
  check(applied.data.amount_due === preview.data.amount_due, "charged as previewed");
  const stale = await owner.POST("/v1/accounts/{account_id}/seat-changes", {
    params: { path, header: { "If-Match": etag } },
    body: change,
  });
  check(stale.response.status === 412 && stale.error?.code === "precondition_failed", "412");
  const seated = await owner.POST(agentsPath, { params: { path }, body: cleo });
  check(seated.response.status === 201, "cleo seated after the purchase");
  const light = await owner.PATCH("/v1/accounts/{account_id}/agents/{user_id}", {
    params: { path: { account_id: accountId, user_id: "cleo" } },
    body: { role: "light_agent" },
  });
  check(light.data?.role === "light_agent", "cleo made a light agent");
  steps.push("change previewed and applied with If-Match (412 when stale), agent patched");

  // 4. A sales-assisted account asks its rep; the rep fulfils.
  const rep = { name: "Rita Rep", email: "rita@sales.example" };
  const globex = await admin.POST("/v1/accounts", {
    body: {
      name: "Globex",
      billing_mode: "sales_assisted",
      sales_rep: rep,
      owner: { user_id: "gil", email: "gil@globex.example", name: "Gil" },
      subscription: [{ suite: "support_suite", seats: 1 }],
    },
  });
  check(globex.data !== undefined, "globex created");
  const globexPath = { account_id: globex.data.id };
  const gil = clientFor(await ownerKey(admin, globex.data.id));
  const asked = await gil.POST("/v1/accounts/{account_id}/sales-requests", {
    params: { path: globexPath },
    body: { kind: "add_seats", suite: "support_suite", seats: 2, message: "New hires" },
  });
  check(asked.data?.status === "submitted", `sales request: ${JSON.stringify(asked.error)}`);
  const repKey = await admin.POST("/v1/api-keys", {
    body: { name: "rita", role: "sales_rep", email: rep.email },
  });
  check(typeof repKey.data?.key === "string", "rep key");
  const rita = clientFor(repKey.data.key);
  const done = await rita.POST("/v1/sales-requests/{request_id}/fulfill", {
    params: { path: { request_id: asked.data.id } },
  });
  check(done.data?.status === "fulfilled", `fulfilled: ${JSON.stringify(done.error)}`);
  const after = await admin.GET("/v1/accounts/{account_id}/subscription", {
    params: { path: globexPath },
  });
  const seats = after.data?.lines.find((line) => line.product === "support")?.seats;
  check(seats === 3, `support seats after fulfilment: ${seats}`);
  steps.push("sales request fulfilled by the rep");

  console.log(JSON.stringify({ ok: true, steps }));
}

main().catch((failure: unknown) => {
  console.log(JSON.stringify({ ok: false, steps, error: String(failure) }));
  process.exitCode = 1;
});
