// The admin's thresholds, with JavaScript off: each field carries its bounds, a saved value
// changes the page it names (the scorecard's minimum to be ranked) and says who changed
// it; it is put back afterwards for the other specs.
import { test, expect } from "../support/pages";
import { createStaff, signIn } from "./helpers";

test.use({ javaScriptEnabled: false });

test("the admin changes a threshold and the scorecard follows it", async ({ page }) => {
  createStaff("admin-ambang@staf.test", "admin", "Admin Ambang");
  await signIn(page, "admin-ambang@staf.test", "kata sandi staf");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Pengaturan ambang" }).click();
  await expect(page.getByRole("heading", { name: "Pengaturan ambang", level: 1 })).toBeVisible();

  const flags = page.getByLabel("Laporan untuk menyembunyikan kiriman");
  const ranked = page.getByLabel("Minimal selesai untuk masuk peringkat");
  await expect(ranked).toHaveValue("5");
  // The phone keeps a value inside the bounds before sending (the server refuses the rest
  // with 422 as well: tests/http/settings.rs).
  await expect(flags).toHaveAttribute("min", "1");
  await expect(flags).toHaveAttribute("max", "50");
  await ranked.fill("1");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expect(ranked).toHaveValue("1");
  await expect(page.getByText("oleh Admin Ambang").first()).toBeVisible();
  await page.goto("/scorecard");
  await expect(page.getByText("sedikitnya 1 aduan")).toBeVisible();

  await page.goto("/admin/settings");
  await page.getByLabel("Minimal selesai untuk masuk peringkat").fill("5");
  await page.getByRole("button", { name: "Simpan" }).click();
  await page.goto("/scorecard");
  await expect(page.getByText("sedikitnya 5 aduan")).toBeVisible();
});
