// WhatsApp in the browser: a resident reports by conversation (Meta's webhook, signed as
// Meta signs it), then signs in on the web with a code sent over WhatsApp and finds the
// report on their own page; the number shows only to them.
import { expect, test, APIRequestContext } from "../support/pages";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir, whatsapp } from "../playwright.config";

const PHONE = "6281299990001";
let sequence = 0;

type Sent = { to: string; type: string; text?: { body: string }; template?: { name: string; components: { parameters: { text: string }[] }[] }; interactive?: { body: { text: string }; action: { sections: { rows: { title: string }[] }[] } } };

function sentTo(phone: string): Sent[] {
  const log = join(dataDir, "whatsapp.jsonl");
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Sent)
    .filter((m) => m.to === phone);
}

function textOf(m: Sent): string {
  if (m.text) return m.text.body;
  if (m.interactive) {
    const rows = m.interactive.action.sections[0].rows.map((r, i) => `${i + 1}. ${r.title}`);
    return [m.interactive.body.text, ...rows].join("\n");
  }
  return JSON.stringify(m.template);
}

/** Sends a text from PHONE through the webhook and waits for the answer it gets. */
async function say(request: APIRequestContext, text: string): Promise<string> {
  const before = sentTo(PHONE).length;
  sequence += 1;
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      contacts: [{ profile: { name: "Rukmini" }, wa_id: PHONE }],
      messages: [{ from: PHONE, id: `wamid.e2e.masuk.${Date.now()}.${sequence}`, timestamp: "1", type: "text", text: { body: text } }],
    } }] }],
  });
  const signature = "sha256=" + createHmac("sha256", whatsapp.appSecret).update(body).digest("hex");
  const res = await request.post("/channels/whatsapp/webhook", {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
  });
  expect(res.status()).toBe(200);
  await expect.poll(() => sentTo(PHONE).length, { timeout: 15_000 }).toBeGreaterThan(before);
  // The last of the answers (a step may answer with two messages).
  await new Promise((r) => setTimeout(r, 300));
  const all = sentTo(PHONE);
  return textOf(all[all.length - 1]);
}

function numberOf(list: string, needle: string): string {
  const line = list.split("\n").find((l) => l.includes(needle));
  expect(line, `${needle} in ${list}`).toBeTruthy();
  return line!.split(".")[0].trim();
}

test("a resident reports by WhatsApp, then signs in with a code and finds the report", async ({ page, request }) => {
  const title = "Talang irigasi Wonobodro bocor parah";
  expect(await say(request, "lapor")).toContain("1/7");
  const categories = await say(request, title);
  await say(request, numberOf(categories, "Drainase dan banjir"));
  expect(await say(request, "Kauman")).toContain("4/7");
  await say(request, "Air sawah terbuang karena talang bocor di tiga tempat.");
  await say(request, "lewati");
  await say(request, "lewati");
  expect(await say(request, "1")).toContain(title);
  const done = await say(request, "ya");
  expect(done).toMatch(/Laporan #\d+/);

  // The sign-in page offers WhatsApp; the code comes over WhatsApp.
  await page.goto("/account/login");
  await page.getByRole("link", { name: "Masuk dengan kode WhatsApp" }).click();
  await page.getByLabel("Nomor WhatsApp").fill("0812-9999-0001");
  const codes = sentTo(PHONE).length;
  await page.getByRole("button", { name: "Kirim kode" }).click();
  await expect(page.getByText("kode 6 angka")).toBeVisible();
  await expect.poll(() => sentTo(PHONE).length).toBeGreaterThan(codes);
  const template = sentTo(PHONE).pop()!.template!;
  expect(template.name).toBe("kode_masuk");
  await page.getByLabel("Kode dari WhatsApp").fill(template.components[0].parameters[0].text);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByRole("button", { name: "Keluar" })).toBeVisible();

  // Their own page lists the report; their notification settings show their number.
  await page.goto("/account/issues");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.goto("/account/notifications");
  await expect(page.getByText("+6281299990001")).toBeVisible();

  // Nobody else sees the number: not on the page, not in the list.
  await page.goto("/account/issues");
  const href = await page.getByRole("link", { name: title }).getAttribute("href");
  for (const path of [href!, "/issues", "/issues.atom"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(await res.text()).not.toContain("99990001");
  }
});
