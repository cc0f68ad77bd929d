// The resident's own page, with JavaScript and without: their confidential issue is there
// for them, they withdraw another, they download their data. The new page and the admin
// pages pass axe (WCAG 2.1 AA).
import { test, expect, Page } from "../support/pages";
import * as fs from "node:fs";
import { createStaff, fillIssue, noAccessibilityViolations, signIn, signUp } from "./helpers";

async function postIssue(page: Page, title: string, privacy: "Publik" | "Rahasia") {
  await page.goto("/issues/new");
  await fillIssue(page, title, "Sudah berbulan-bulan warga menunggu, mohon segera ditangani.");
  await page.getByRole("radio", { name: privacy }).check();
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

async function ownPage(page: Page, email: string, suffix: string, scripts: boolean) {
  await signUp(page, `Warga ${suffix}`, email);
  const secret = `Kepala dusun meminta uang pelicin ${suffix}`;
  const mistake = `Gapura dusun roboh menimpa pagar warga ${suffix}`;
  await postIssue(page, secret, "Rahasia");
  await postIssue(page, mistake, "Publik");

  await page.getByRole("link", { name: "Akun saya" }).click();
  await expect(page.getByRole("heading", { name: "Akun saya", level: 1 })).toBeVisible();
  const mine = page.getByRole("listitem").filter({ hasText: secret });
  await expect(mine.getByText("Rahasia")).toBeVisible();
  // axe runs as a script in the page, so only where scripts run.
  if (scripts) await noAccessibilityViolations(page);

  // Withdraw the one posted by mistake: it asks first, then it is gone from the list.
  const row = page.getByRole("listitem").filter({ hasText: mistake });
  await row.locator("summary", { hasText: "Tarik aduan ini" }).click();
  await row.getByRole("button", { name: "Ya, tarik aduan ini" }).click();
  await expect(page.getByText("Aduan Anda sudah ditarik.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: mistake }).getByText("Ditarik pelapor")).toBeVisible();
  await page.goto("/issues");
  await expect(page.getByText(mistake)).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  // The copy of their data holds both of their issues and nobody else's.
  await page.goto("/account");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Unduh data saya (JSON)" }).click(),
  ]);
  const data = JSON.parse(fs.readFileSync((await download.path()) as string, "utf-8"));
  expect(data.account.email).toBe(email);
  expect(data.issues.map((i: { title: string }) => i.title).sort()).toEqual([mistake, secret].sort());
}

test.describe("with JavaScript", () => {
  test("a resident finds their confidential issue, withdraws another and downloads their data", async ({ page }) => {
    await ownPage(page, "akun-js@warga.test", "A", true);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a resident finds their confidential issue, withdraws another and downloads their data", async ({ page }) => {
    await ownPage(page, "akun-tanpa-js@warga.test", "B", false);
  });
});

test("the admin pages pass axe", async ({ page }) => {
  createStaff("admin-axe@staf.test", "admin", "Admin Axe");
  await signIn(page, "admin-axe@staf.test", "kata sandi staf");
  for (const path of [
    "/admin",
    "/admin/categories",
    "/admin/regions",
    "/admin/holidays",
    "/admin/settings",
    "/admin/opds",
    "/admin/api-keys",
    "/admin/outbox",
    "/admin/accounts",
    "/admin/audit",
    "/account",
  ]) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    await noAccessibilityViolations(page);
  }
});
