// The secretariat's inbox, with JavaScript on and off: a resident's three issues (one of
// them confidential) wait there; the secretariat passes one to an OPD, puts one on a
// Friday's agenda and rejects one, each from its row. The inbox passes axe.
import { test, expect, Page, Browser } from "../support/pages";
import { createStaff, fillIssue, fridayAhead, noAccessibilityViolations, signIn, signUp } from "./helpers";

async function disposeThree(page: Page, browser: Browser, baseURL: string | undefined, tag: string) {
  const stamp = `${tag}-${Date.now()}`;
  const resident = await browser.newContext({ javaScriptEnabled: false, baseURL, locale: "id-ID" });
  const villager = await resident.newPage();
  await signUp(villager, `Bu Sri ${tag}`, `sri-${stamp}@warga.test`);
  // Different words per run, so that the second is not offered the first as a duplicate.
  const js = tag === "js";
  const titles = {
    opd: `${js ? "Pungutan liar pembuatan KTP" : "Petugas minta uang rekomendasi"} ${stamp}`,
    friday: `${js ? "Sumur bor kampung mati" : "Atap balai warga bocor"} ${stamp}`,
    reject: `${js ? "Dijual sepeda motor bekas" : "Disewakan tenda hajatan"} ${stamp}`,
  };
  for (const [title, privacy] of [
    [titles.opd, "Rahasia"],
    [titles.friday, "Publik"],
    [titles.reject, "Publik"],
  ]) {
    await villager.goto("/issues/new");
    await fillIssue(villager, title, "Mohon Sekretariat menindaklanjuti secepatnya, warga sudah lama menunggu.");
    await villager.getByRole("radio", { name: privacy }).check();
    await villager.getByRole("button", { name: "Kirim aduan" }).click();
    await expect(villager.getByRole("heading", { name: title })).toBeVisible();
  }
  await resident.close();

  const secretariat = `sekretariat-inbox-${stamp}@staf.test`;
  createStaff(secretariat, "secretariat", "Sekretariat Bupati");
  await signIn(page, secretariat, "kata sandi staf");
  await page.goto("/sessions/new");
  await page.getByLabel("Tanggal", { exact: true }).fill(fridayAhead());
  await page.getByLabel("Jam mulai (WIB)").fill("08:00");
  await page.getByLabel("Tempat", { exact: true }).fill(`Balai Desa Sengon ${stamp}`);
  await page.getByLabel("Kapasitas (orang)").fill("50");
  await page.getByRole("button", { name: "Simpan sesi" }).click();
  await expect(page.getByRole("heading", { name: `Dialog Jumat di Balai Desa Sengon ${stamp}` })).toBeVisible();

  await page.getByRole("link", { name: /Kotak masuk/ }).first().click();
  await expect(page.getByRole("heading", { name: "Kotak masuk Sekretariat" })).toBeVisible();
  if (tag === "js") await noAccessibilityViolations(page);
  const row = (title: string) => page.getByRole("listitem").filter({ hasText: title });
  await expect(row(titles.opd).getByText("Rahasia")).toBeVisible();

  // The confidential one goes to an OPD.
  await row(titles.opd).locator("summary", { hasText: "Teruskan ke OPD" }).click();
  await row(titles.opd).getByLabel("OPD utama").selectOption({ label: "DPUPR" });
  await row(titles.opd).getByLabel("Tindakan yang diminta").fill("Telusuri laporan dan tindak tegas petugasnya.");
  await row(titles.opd).getByRole("button", { name: "Tugaskan" }).click();
  await expect(page.getByRole("heading", { name: titles.opd })).toBeVisible();

  // The second onto Friday's agenda.
  await page.goto("/staff/inbox");
  await row(titles.friday).locator("summary", { hasText: "Masukkan ke agenda" }).click();
  await row(titles.friday).getByLabel("Sesi").selectOption({ index: 0 });
  await row(titles.friday).getByRole("button", { name: "Masukkan ke agenda" }).click();
  await expect(page.locator(".agenda-items")).toContainText(titles.friday);

  // The third is rejected, with a reason its author reads.
  await page.goto("/staff/inbox");
  await row(titles.reject).locator("summary", { hasText: "Moderasi" }).click();
  await row(titles.reject).getByRole("radio", { name: "Tolak aduan" }).check();
  await row(titles.reject).getByLabel(/Alasan/).fill("Iklan jual beli, bukan aduan.");
  await row(titles.reject).getByRole("button", { name: "Jalankan" }).click();

  await page.goto("/staff/inbox");
  for (const title of Object.values(titles)) await expect(page.getByText(title)).toHaveCount(0);
}

test.describe("with JavaScript", () => {
  test("the secretariat disposes of three inbox items from their rows", async ({ page, browser, baseURL }) => {
    await disposeThree(page, browser, baseURL, "js");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the secretariat disposes of three inbox items from their rows", async ({ page, browser, baseURL }) => {
    await disposeThree(page, browser, baseURL, "nojs");
  });
});
