// OPD follow-up in the browser: the secretariat assigns, an OPD declines and the secretariat
// re-routes, the right OPD accepts, reports with a photo and resolves, and the resident, with JavaScript
// off, reopens and then confirms.
import { test, expect, Page } from "../support/pages";
import { baseURL } from "../playwright.config";
import { createStaff, fillIssue, noAccessibilityViolations, pngPhoto, signIn, signUp } from "./helpers";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Keluar" }).click();
  await expect(page.getByRole("link", { name: "Masuk" }).first()).toBeVisible();
}

async function assignTo(page: Page, issueUrl: string, opd: string) {
  await page.goto(issueUrl);
  await page.getByLabel("OPD utama").selectOption({ label: opd });
  await page.getByLabel("Tindakan yang diminta").fill("Periksa dan perbaiki pipa air bersih yang bocor.");
  await page.getByLabel("Batas waktu (hari kerja)").fill("5");
  await page.getByRole("button", { name: "Tugaskan" }).click();
  await expect(page.getByText("Menunggu diterima OPD")).toBeVisible();
}

test("an issue goes from assignment through a decline to a confirmed resolution", async ({ page, browser }) => {
  const stamp = Date.now();
  const title = `Pipa PDAM bocor di Gringsing ${stamp}`;
  const resident = `pelapor-fu-${stamp}@warga.test`;
  await signUp(page, "Pelapor Pipa", resident);
  await page.goto("/issues/new");
  await fillIssue(page, title, "Air bersih terbuang sejak seminggu dan jalan jadi licin.");
  await page.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const issueUrl = page.url();
  await signOut(page);

  const secretariat = `sekretariat-fu-${stamp}@staf.test`;
  const dinkes = `dinkes-fu-${stamp}@staf.test`;
  const dpupr = `dpupr-fu-${stamp}@staf.test`;
  createStaff(secretariat, "secretariat", "Sekretariat Uji");
  createStaff(dinkes, "opd_officer", "Petugas Dinkes", "DINKES");
  createStaff(dpupr, "opd_officer", "Petugas DPUPR", "DPUPR");

  await signIn(page, secretariat, "kata sandi staf");
  await page.goto(issueUrl);
  await noAccessibilityViolations(page);
  await assignTo(page, issueUrl, "Dinkes");
  await signOut(page);

  // Not theirs: the OPD says why, and the issue is back with the secretariat.
  await signIn(page, dinkes, "kata sandi staf");
  await page.getByRole("link", { name: "Pekerjaan OPD" }).click();
  await noAccessibilityViolations(page);
  await page.getByRole("link", { name: new RegExp(title) }).click();
  await page.getByLabel("Alasan").fill("Pipa air bersih urusan PDAM dan DPUPR.");
  await page.getByRole("button", { name: "Bukan wewenang kami" }).click();
  await expect(page.getByText("Dikembalikan: bukan wewenang OPD")).toBeVisible();
  await signOut(page);

  await signIn(page, secretariat, "kata sandi staf");
  await assignTo(page, issueUrl, "DPUPR");
  await signOut(page);

  await signIn(page, dpupr, "kata sandi staf");
  await page.goto(issueUrl);
  await page.getByRole("button", { name: "Terima tugas" }).click();
  await expect(page.getByText("Sedang dikerjakan")).toBeVisible();
  await page.getByLabel("Kemajuan").fill("Pipa pengganti sudah dipesan.");
  await page.getByLabel("Persen selesai (0–100, boleh kosong)").fill("50");
  await page.getByLabel("Biaya langkah ini dalam rupiah (boleh kosong)").fill("1.250.000");
  const progressForm = page.locator("form", { has: page.getByRole("button", { name: "Laporkan kemajuan" }) });
  await progressForm.getByLabel("Foto bukti (boleh dikosongkan, paling banyak 3)").setInputFiles({
    name: "pipa.png",
    mimeType: "image/png",
    buffer: pngPhoto(),
  });
  await page.getByRole("button", { name: "Laporkan kemajuan" }).click();
  await expect(page.getByText("Biaya: Rp 1.250.000")).toBeVisible();
  await expect(page.getByRole("img", { name: "Foto bukti 1 dari 1" })).toBeVisible();
  await noAccessibilityViolations(page);
  await page.getByLabel("Ringkasan penyelesaian").fill("Pipa sudah diganti dan air mengalir normal.");
  await page.getByRole("button", { name: "Tandai selesai" }).click();
  await expect(page.getByText("Selesai, menunggu konfirmasi warga")).toBeVisible();
  await signOut(page);

  // The resident, with JavaScript off, says it is not fixed yet, then that it is.
  const noScript = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    locale: "id-ID",
    viewport: { width: 360, height: 740 },
  });
  const resident_page = await noScript.newPage();
  await signIn(resident_page, resident, "kata sandi warga");
  await resident_page.goto(issueUrl);
  await expect(resident_page.getByText("Apakah sudah benar-benar beres?")).toBeVisible();
  await resident_page.getByLabel("Alasan").fill("Masih bocor di sambungan dekat jembatan.");
  await resident_page.getByRole("button", { name: "Belum beres, buka lagi" }).click();
  await expect(resident_page.getByText("Dibuka lagi oleh warga")).toBeVisible();

  await signIn(page, dpupr, "kata sandi staf");
  await page.goto(issueUrl);
  await page.getByLabel("Ringkasan penyelesaian").fill("Sambungan dekat jembatan sudah dilas ulang.");
  await page.getByRole("button", { name: "Tandai selesai" }).click();
  await expect(page.getByText("Selesai, menunggu konfirmasi warga")).toBeVisible();

  await resident_page.goto(issueUrl);
  await resident_page.getByRole("button", { name: "Ya, sudah beres" }).click();
  await expect(resident_page.getByText("Dikonfirmasi warga")).toBeVisible();
  await expect(resident_page.getByText("Status: Ditutup")).toBeVisible();
  await noScript.close();

  // The public scorecard counts it, and reads without JavaScript's help.
  await page.getByRole("link", { name: "Rapor OPD" }).click();
  await expect(page.getByRole("heading", { name: "Rapor tindak lanjut OPD" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Ditugaskan dan selesai, 12 bulan terakhir" })).toBeVisible();
  await noAccessibilityViolations(page);
  // The month names stay readable on a phone (they were SVG text that shrank to 5 px).
  await page.setViewportSize({ width: 390, height: 844 });
  const months = page.locator(".trend-months li");
  await expect(months).toHaveCount(12);
  for (const size of await months.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))) {
    expect(size).toBeGreaterThanOrEqual(12);
  }
  const fontPx = await months.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(12);
});
