// Open interfaces in the browser: the admin issues an Open311 key (shown once), a client
// posts a request with it, the request is an issue on the list and in the Atom feed, and
// the admin, with JavaScript off, revokes the key.
import { test, expect } from "../support/pages";
import { createStaff, noAccessibilityViolations, signIn } from "./helpers";

test("an admin issues a key, a client posts with it, and the admin revokes it", async ({ page, browser }) => {
  const stamp = Date.now();
  const admin = `admin-api-${stamp}@staf.test`;
  createStaff(admin, "admin", "Admin Uji");
  await signIn(page, admin, "kata sandi staf");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Kunci API (Open311)" }).click();
  await page.getByLabel("Nama aplikasi").fill(`Aplikasi Desa ${stamp}`);
  await page.getByRole("button", { name: "Buat kunci" }).click();
  const shown = page.locator("#issued-key");
  await expect(shown).toBeVisible();
  const key = (await shown.textContent()) ?? "";
  expect(key).toMatch(/^mj_/);
  await noAccessibilityViolations(page);
  await page.reload();
  await expect(page.locator("#issued-key")).toHaveCount(0);
  await expect(page.getByRole("rowheader", { name: `Aplikasi Desa ${stamp}` })).toBeVisible();

  // A title unlike the other specs' titles, so that none of them is offered as its duplicate.
  const description = `Tiang telepon roboh menutup gang Sawahan ${stamp}\nKabel menjuntai sejak hujan deras semalam.`;
  const posted = await page.request.post("/open311/v2/requests.json", {
    form: {
      api_key: key,
      service_code: "jalan-jembatan",
      description,
      "attribute[kecamatan]": "33.25.09",
      "attribute[desa]": "33.25.09.2008",
      lat: "-6.95",
      long: "109.8",
    },
  });
  expect(posted.status()).toBe(201);
  const id = (await posted.json())[0].service_request_id;

  await page.goto("/issues");
  await expect(page.getByRole("link", { name: `Tiang telepon roboh menutup gang Sawahan ${stamp}` })).toBeVisible();
  const feed = await page.request.get(await page.getByRole("link", { name: "Umpan Atom" }).getAttribute("href") ?? "");
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain(`/issues/${id}`);

  // Without JavaScript, the revoke button is a plain form.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await signIn(noScript, admin, "kata sandi staf");
  await noScript.goto("/admin/api-keys");
  await noScript.getByRole("row", { name: new RegExp(`Aplikasi Desa ${stamp}`) }).getByRole("button", { name: "Cabut" }).click();
  await expect(noScript.getByRole("row", { name: new RegExp(`Aplikasi Desa ${stamp}`) })).toContainText("Dicabut");
  await plain.close();
  const refused = await page.request.post("/open311/v2/requests.json", {
    form: { api_key: key, service_code: "jalan-jembatan", description, address_id: "33.25.09.2008" },
  });
  expect(refused.status()).toBe(403);
});
