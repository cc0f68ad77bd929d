// The Friday dialogue from both sides: the secretariat schedules a session, builds and
// locks its agenda, records the outcome and publishes the minutes (JavaScript on); a
// resident posts the issue, registers to attend and reads the outcome (JavaScript off).
import { test, expect } from "../support/pages";
import { createStaff, fillIssue, fridayAhead, noAccessibilityViolations, signIn, signUp } from "./helpers";

test("a session from scheduling to published minutes", async ({ page, browser, baseURL }) => {
  const stamp = Date.now();
  const resident = await browser.newContext({ javaScriptEnabled: false, baseURL, locale: "id-ID" });
  const villager = await resident.newPage();

  // A resident posts an issue (JavaScript off).
  await signUp(villager, "Pak Darto", `darto-${stamp}@warga.test`);
  await villager.goto("/issues/new");
  const title = `Irigasi sawah kering ${stamp}`;
  await fillIssue(villager, title, "Saluran irigasi tersier kering sejak kemarau, sawah warga gagal tanam.");
  await villager.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(villager.getByRole("heading", { name: title })).toBeVisible();

  // The secretariat schedules a session and builds its agenda (JavaScript on).
  const secretariat = `sekretariat-sesi-${stamp}@staf.test`;
  createStaff(secretariat, "secretariat", "Sekretariat Bupati");
  await signIn(page, secretariat, "kata sandi staf");
  await page.goto("/sessions");
  await page.getByRole("link", { name: "Jadwalkan sesi" }).click();
  await page.getByLabel("Tanggal", { exact: true }).fill(fridayAhead());
  await page.getByLabel("Jam mulai (WIB)").fill("08:00");
  await page.getByLabel("Tempat", { exact: true }).fill(`Balai Desa Kalimanggis ${stamp}`);
  await page.getByLabel("Kecamatan tuan rumah").selectOption({ label: "Subah" });
  await page.getByLabel("Kapasitas (orang)").fill("50");
  await page.getByRole("button", { name: "Simpan sesi" }).click();
  await expect(page.getByRole("heading", { name: `Dialog Jumat di Balai Desa Kalimanggis ${stamp}` })).toBeVisible();
  await expect(page.getByText("08.00–11.00 WIB")).toBeVisible();
  const sessionUrl = page.url();

  const suggestion = page.locator(".suggestions li", { hasText: title });
  await expect(suggestion).toContainText("di kecamatan tuan rumah");
  await suggestion.getByRole("button", { name: "Tambahkan" }).click();
  await expect(page.locator(".agenda-items")).toContainText(title);
  await expect(page.locator(".agenda-items")).toContainText("08.00–08.10 WIB");
  await noAccessibilityViolations(page);
  await page.getByRole("button", { name: "Kunci agenda dan kabari warga" }).click();
  await expect(page.getByText("Agenda final")).toBeVisible();

  // The resident registers to attend, and can take the session into a calendar.
  await villager.goto(sessionUrl);
  await expect(villager.locator(".agenda-items")).toContainText(title);
  await villager.getByRole("button", { name: "Daftar hadir" }).click();
  await expect(villager.getByText("Anda terdaftar hadir.")).toBeVisible();
  await expect(villager.getByText("1 dari 50 tempat terisi")).toBeVisible();
  const ics = await villager.request.get(`${sessionUrl}.ics`);
  expect(await ics.text()).toContain("BEGIN:VEVENT");

  // After the session: the outcome and the minutes.
  await page.reload();
  await page.getByRole("button", { name: "Tandai sudah berlangsung" }).click();
  const item = page.locator(".agenda-items > li", { hasText: title });
  await item.getByLabel("Dibahas", { exact: true }).check();
  await item.getByLabel("Keputusan").fill("DPUPR memperbaiki pintu air dalam dua minggu.");
  await item.getByLabel("DPUPR").check();
  await item.getByLabel("Tenggat tindak lanjut").fill(fridayAhead());
  await item.getByRole("button", { name: "Simpan hasil" }).click();
  await expect(page.locator(".agenda-items")).toContainText("Ditindaklanjuti oleh: DPUPR");
  await page.getByLabel("Jumlah hadir").fill("87");
  await page.getByLabel("Notulen (Markdown)").fill("Dialog dibuka Bupati pukul **08.05 WIB**.");
  await page.getByRole("button", { name: "Terbitkan notulen dan kabari pengikut" }).click();
  await expect(page.getByText("Notulen terbit")).toBeVisible();

  // The resident reads it (JavaScript off).
  await villager.goto(sessionUrl);
  await expect(villager.getByText("87 orang hadir")).toBeVisible();
  await expect(villager.locator(".minutes strong", { hasText: "08.05 WIB" })).toBeVisible();
  await expect(villager.locator(".agenda-items")).toContainText("DPUPR memperbaiki pintu air");

  // Printed, the agenda is one clean A4 page: no menu, no forms.
  await villager.emulateMedia({ media: "print" });
  await expect(villager.locator(".site-header")).toBeHidden();
  await expect(villager.getByRole("button", { name: "Batalkan pendaftaran" })).toBeHidden();
  await expect(villager.locator(".agenda-items")).toBeVisible();
  const pdf = (await villager.pdf({ format: "A4" })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  await resident.close();
});
