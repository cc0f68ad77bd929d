// The secretariat's registrants list and each OPD's public page, with JavaScript on and
// off: a resident registers from their village; the secretariat reads who comes (name,
// village, kecamatan, never an email) and prints it; a visitor opens an OPD from the
// scorecard. Both pages pass axe.
import { test, expect } from "../support/pages";
import { createStaff, fridayAhead, noAccessibilityViolations, signIn, signUp } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  const tag = javaScriptEnabled ? "js" : "nojs";

  test(`the secretariat reads a session's registrants (${tag})`, async ({ browser, baseURL }) => {
    const stamp = `${tag}-${Date.now()}`;
    const context = await browser.newContext({ javaScriptEnabled, baseURL, locale: "id-ID" });
    const page = await context.newPage();
    const secretariat = `sekretariat-pendaftar-${stamp}@staf.test`;
    createStaff(secretariat, "secretariat", "Sekretariat Bupati");
    await signIn(page, secretariat, "kata sandi staf");
    await page.goto("/sessions/new");
    await page.getByLabel("Tanggal", { exact: true }).fill(fridayAhead());
    await page.getByLabel("Jam mulai (WIB)").fill("08:00");
    await page.getByLabel("Tempat", { exact: true }).fill(`Balai Desa Pesaren ${stamp}`);
    await page.getByLabel("Kapasitas (orang)").fill("40");
    await page.getByRole("button", { name: "Simpan sesi" }).click();
    const heading = page.getByRole("heading", { name: `Dialog Jumat di Balai Desa Pesaren ${stamp}` });
    await expect(heading).toBeVisible();
    const sessionUrl = page.url();

    const resident = await browser.newContext({ javaScriptEnabled, baseURL, locale: "id-ID" });
    const villager = await resident.newPage();
    const email = `pendaftar-${stamp}@warga.test`;
    await signUp(villager, `Mbah Darsono ${tag}`, email);
    await villager.goto(sessionUrl);
    await villager.getByLabel(/Desa asal/).selectOption({ label: "Pesaren" });
    await villager.getByRole("button", { name: "Daftar hadir" }).click();
    await expect(villager.getByText("Anda terdaftar")).toBeVisible();
    await resident.close();

    await page.goto(sessionUrl);
    await page.getByRole("link", { name: /Pendaftar dan daftar hadir \(1 terdaftar/ }).click();
    await expect(page.getByRole("heading", { name: /^Pendaftar: / })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: `Mbah Darsono ${tag}` });
    await expect(row.getByRole("cell", { name: "Pesaren" })).toBeVisible();
    await expect(row.getByRole("cell", { name: "Warungasem" })).toBeVisible();
    await expect(page.getByText(email)).toHaveCount(0);
    await expect(page.getByText("Kehadiran dapat ditandai mulai hari sesi.")).toBeVisible();
    if (javaScriptEnabled) await noAccessibilityViolations(page);
    // On paper: no navigation or buttons, a column to sign.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("columnheader", { name: "Tanda tangan" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Kembali ke sesi" })).toBeHidden();
    await context.close();
  });

  test(`each OPD has its own public page (${tag})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled, baseURL, locale: "id-ID" });
    const page = await context.newPage();
    await page.goto("/scorecard/dinsos");
    await expect(page.getByRole("heading", { name: "Dinas Sosial", exact: false }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sedang ditangani" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sudah diselesaikan" })).toBeVisible();
    if (javaScriptEnabled) await noAccessibilityViolations(page);
    await page.getByRole("link", { name: "Rapor tindak lanjut OPD" }).last().click();
    await expect(page).toHaveURL(/\/scorecard$/);
    await context.close();
  });
}
