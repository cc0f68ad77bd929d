// Browser security, as Chromium enforces it: the Content-Security-Policy stops an injected
// inline script while the app's own (nonce-carrying) scripts hydrate the page, and a form
// another site makes the browser post is refused while the same form from this site works.
import { test, expect } from "../support/pages";
import { baseURL } from "../playwright.config";
import { createStaff, noAccessibilityViolations, signIn, signUp } from "./helpers";

test("an injected inline script does not run, while the app's own scripts do", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  // The new-issue page holds the app's island, so it loads and runs the wasm.
  const response = await page.goto("/issues/new");
  expect(response?.headers()["content-security-policy"]).toContain("'nonce-");
  await page.waitForLoadState("networkidle");
  expect(violations, "the hydration scripts are allowed").toEqual([]);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true;";
    document.body.appendChild(script);
    document.body.insertAdjacentHTML("beforeend", '<img alt="" src="/tidak-ada.png" onerror="window.__handler = true">');
  });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __handler?: boolean }).__handler)).toBeUndefined();
  expect(violations.length, "Chromium reports what it refused").toBeGreaterThanOrEqual(2);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a form posted from another site is refused; the same form from this site works", async ({ page }) => {
    await signUp(page, "Aman Sentosa", "aman@warga.test");
    await page.getByRole("button", { name: "Keluar" }).click();

    // A page elsewhere (here: a blank page, whose origin is no site's) with a look-alike
    // sign-in form.
    await page.goto("about:blank");
    await page.setContent(`
      <form method="post" action="${baseURL}/account/login">
        <input type="hidden" name="_action" value="/api/account/login">
        <input type="hidden" name="email" value="aman@warga.test">
        <input type="hidden" name="password" value="kata sandi warga">
        <button type="submit">Klaim hadiah</button>
      </form>`);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${baseURL}/account/login`)),
      page.getByRole("button", { name: "Klaim hadiah" }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Permintaan ditolak" })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Masuk" })).toBeVisible();

    await signIn(page, "aman@warga.test", "kata sandi warga");
    await expect(page.getByText("Aman Sentosa")).toBeVisible();
  });
});

test("the admin reads who did what in the audit log", async ({ page }) => {
  createStaff("audit@staf.test", "admin", "Admin Audit");
  await signIn(page, "audit@staf.test", "kata sandi staf");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Catatan audit" }).click();
  await expect(page.getByRole("heading", { name: "Catatan audit" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "audit@staf.test" }).first();
  await expect(row).toContainText("account/login");
  await expect(row).toContainText("127.0.0.1");
  await noAccessibilityViolations(page);
});
