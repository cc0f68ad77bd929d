// The Friday hour, live: the secretariat drives a session from its console, with JavaScript
// on and off, while a second page (the public live page) follows each step without being
// reloaded; the projector and the broadcast overlay render; the console and the public page
// pass axe; with JavaScript off the public page says it reloads itself.
import { test, expect, Page } from "../support/pages";
import { createStaff, fillIssue, fridayAhead, noAccessibilityViolations, signIn, signUp } from "./helpers";

/** The console's last form has come back (with JavaScript it is sent in the background). */
async function settled(page: Page) {
  await expect(page.locator(".console")).not.toHaveAttribute("aria-busy", "true");
}

/** A locked session with one resident's issue on its agenda; returns its address. */
async function lockedSession(page: Page, villager: Page, stamp: string, title: string): Promise<string> {
  await villager.goto("/issues/new");
  await fillIssue(villager, title, `${title}, dilaporkan warga dusun sejak semalam.`);
  await villager.getByRole("button", { name: "Kirim aduan" }).click();
  await expect(villager.getByRole("heading", { name: title })).toBeVisible();
  await page.goto("/sessions/new");
  await page.getByLabel("Tanggal", { exact: true }).fill(fridayAhead());
  await page.getByLabel("Jam mulai (WIB)").fill("08:00");
  await page.getByLabel("Tempat", { exact: true }).fill(`Pendopo Subah ${stamp}`);
  await page.getByLabel("Kecamatan tuan rumah").selectOption({ label: "Subah" });
  await page.getByLabel("Kapasitas (orang)").fill("80");
  await page.getByRole("button", { name: "Simpan sesi" }).click();
  await expect(page.getByRole("heading", { name: `Dialog Jumat di Pendopo Subah ${stamp}` })).toBeVisible();
  const url = page.url();
  await page.locator(".suggestions li", { hasText: title }).getByRole("button", { name: "Tambahkan" }).click();
  await expect(page.locator(".agenda-items")).toContainText(title);
  await page.getByRole("button", { name: "Kunci agenda dan kabari warga" }).click();
  await expect(page.getByText("Agenda final")).toBeVisible();
  return url;
}

for (const javaScriptEnabled of [true, false]) {
  const tag = javaScriptEnabled ? "js" : "nojs";

  test(`the secretariat drives the hour from the console while viewers follow (${tag})`, async ({ browser, baseURL }) => {
    const stamp = `${tag}-${Date.now()}`;
    // Each run's issue unlike the other's and every other spec's, or the form would ask
    // whether it is the same one.
    const title = javaScriptEnabled
      ? `Lampu penerangan Sidorejo padam ${stamp}`
      : `Gorong-gorong Kemiri tersumbat ${stamp}`;
    const staffContext = await browser.newContext({ javaScriptEnabled, baseURL, locale: "id-ID" });
    const page = await staffContext.newPage();
    const residentContext = await browser.newContext({ javaScriptEnabled: false, baseURL, locale: "id-ID" });
    const villager = await residentContext.newPage();
    await signUp(villager, `Pak Karno ${tag}`, `karno-${stamp}@warga.test`);
    const secretariat = `sekretariat-live-${stamp}@staf.test`;
    createStaff(secretariat, "secretariat", "Sekretariat Bupati");
    await signIn(page, secretariat, "kata sandi staf");
    const sessionUrl = await lockedSession(page, villager, stamp, title);
    const live = `${sessionUrl}/live`;

    // The public live page, with JavaScript on: it follows the console without a reload.
    const viewerContext = await browser.newContext({ baseURL, locale: "id-ID" });
    const viewer = await viewerContext.newPage();
    await viewer.goto(live);
    await expect(viewer.locator("#live-state")).toHaveText("Belum dimulai");
    await viewer.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const stayed = () => viewer.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

    await page.goto(sessionUrl);
    await page.getByRole("link", { name: "Buka konsol sesi langsung" }).click();
    await expect(page.getByRole("heading", { name: /^Konsol sesi langsung/ })).toBeVisible();
    await page.getByRole("button", { name: "Mulai sesi" }).click();
    await settled(page);
    await expect(page.locator("#live-state")).toHaveText("Sedang berlangsung");
    await expect(viewer.locator("#live-state")).toHaveText("Sedang berlangsung");
    await expect(viewer.locator(".live-title")).toHaveText(title);
    await expect(viewer.locator(".live-timer")).toHaveText(/^0:0\d$/);
    expect(await stayed()).toBe(true);
    if (javaScriptEnabled) await noAccessibilityViolations(page);
    await noAccessibilityViolations(viewer);

    // The hall's screen and the broadcast's lower third.
    const screen = await viewerContext.newPage();
    await screen.goto(`${live}?view=projector`);
    await expect(screen.locator(".projector .live-title")).toHaveText(title);
    await expect(screen.locator(".site-header")).toBeHidden();
    await screen.goto(sessionUrl.replace(/\/sessions\/(\d+)$/, "/sessions/$1/overlay"));
    await expect(screen.locator(".lower-third-title")).toHaveText(title);
    await expect(screen.locator(".lower-third-place")).toHaveText("Subah");
    await screen.close();

    // Notes, a speaker from the floor, and the outcome on the spot.
    await page.getByLabel("Catatan topik ini").fill("Warga dusun hadir, jembatan darurat diminta.");
    await page.getByRole("button", { name: "Simpan catatan" }).click();
    await settled(page);
    await expect(page.getByLabel("Catatan topik ini")).toHaveValue("Warga dusun hadir, jembatan darurat diminta.");
    await page.getByLabel("Atau nama dari forum").fill(`Bu Sumiyati ${tag}`);
    await page.getByRole("button", { name: "Tambahkan ke antrean" }).click();
    await settled(page);
    await page.getByRole("button", { name: "Panggil pembicara berikutnya" }).click();
    await settled(page);
    await expect(page.locator(".live-speakers")).toContainText(`Bu Sumiyati ${tag} · Sedang bicara`);
    const outcome = page.locator(".live-work");
    await outcome.getByLabel("Dibahas", { exact: true }).check();
    await outcome.getByLabel("Keputusan").fill("DPUPR membangun jembatan darurat pekan ini.");
    await outcome.getByRole("button", { name: "Simpan hasil" }).click();
    await settled(page);
    await expect(viewer.locator(".live-done")).toContainText("DPUPR membangun jembatan darurat");
    expect(await stayed()).toBe(true);

    // A poll, answered by nobody yet, on every view at once.
    await page.getByLabel("Pertanyaan", { exact: true }).fill("Setuju jembatan darurat dibangun dulu?");
    await page.getByRole("button", { name: "Buka pertanyaan" }).click();
    await settled(page);
    await expect(viewer.locator(".live-poll")).toContainText("Setuju jembatan darurat dibangun dulu?");
    await expect(viewer.locator(".live-poll")).toContainText("0 jawaban");
    await page.getByRole("button", { name: "Tutup pertanyaan" }).click();
    await settled(page);
    await expect(viewer.locator(".live-poll")).toContainText("Ditutup");

    await page.getByRole("button", { name: "Akhiri sesi" }).click();
    await expect(page.getByText("Draf notulen sudah disiapkan")).toBeVisible();
    await expect(viewer.locator("#live-state")).toHaveText("Selesai");
    expect(await stayed()).toBe(true);
    await page.getByRole("link", { name: "Notulen" }).first().click();
    await expect(page.getByLabel("Notulen (Markdown)")).toHaveValue(/Catatan: Warga dusun hadir/);

    // With JavaScript off the public page reloads itself, and says so: a <noscript> refresh.
    // (Playwright turns scripts off without telling the HTML parser, which then reads a
    // <noscript> as text, so the page's source is checked rather than what it shows.)
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL, locale: "id-ID" });
    const reader = await plain.newPage();
    await reader.goto(live);
    await expect(reader.locator("#live-state")).toHaveText("Selesai");
    const source = await (await reader.request.get(live)).text();
    expect(source).toMatch(/<noscript><meta http-equiv="refresh" content="20"\/?>/);
    expect(source).toContain("memuat ulang sendiri setiap 20 detik");
    await plain.close();
    await viewerContext.close();
    await residentContext.close();
    await staffContext.close();
  });
}
