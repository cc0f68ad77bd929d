// Push notices on a phone: the notifications page offers them where the browser can push
// (with JavaScript), turns them on for this device and lists it, and turns it off; the
// service worker shows a push as it arrives. Without JavaScript the page says what push
// needs and offers no button.
import { test, expect } from "../support/pages";
import { signUp } from "./helpers";

test("a resident turns notices on for this phone, a push shows, and the phone is turned off", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["notifications"]);
  // Headless Chromium cannot reach its push service (Google's FCM): the browser's
  // `subscribe` is answered here as it would be, with an endpoint on loopback and real
  // P-256 keys, and the rest of the page's script runs as it is.
  await page.addInitScript(() => {
    PushManager.prototype.subscribe = async function () {
      const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
      const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
      const auth = crypto.getRandomValues(new Uint8Array(16));
      const b64 = (bytes: Uint8Array) =>
        btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      return {
        endpoint: "http://127.0.0.1:9/push/ponsel-wulan",
        toJSON: () => ({ keys: { p256dh: b64(raw), auth: b64(auth) } }),
      } as unknown as PushSubscription;
    };
  });
  await signUp(page, "Wulan Pemberitahuan", "wulan-push@warga.test");
  await page.goto("/account/notifications");
  const section = page.locator("#push");
  await expect(section.getByRole("heading", { name: "Notifikasi di ponsel" })).toBeVisible();
  await expect(section.getByText("Notifikasi perlu browser")).toBeHidden();
  await expect(section.getByText("Belum ada perangkat.")).toBeVisible();
  await section.getByRole("button", { name: "Nyalakan notifikasi di perangkat ini" }).click();
  await expect(page.getByText("Notifikasi aktif di perangkat ini.")).toBeVisible();
  await expect(section.getByText("Chrome · Linux")).toBeVisible();
  const perTopic = "Juga kirim seketika sebagai notifikasi di perangkat saya";
  await expect(page.getByRole("group", { name: "komentar" }).getByLabel(perTopic)).toBeChecked();

  // A push arrives: the service worker shows it, with the page it leads to.
  const origin = new URL(page.url()).origin;
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(origin));
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await page.evaluate(() => navigator.serviceWorker.ready);
  const notice = { title: "Komentar baru di aduan #7", body: "Budi: sudah diperbaiki?", url: "/issues", tag: "comment:1:2" };
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin,
    registrationId: await registration,
    data: JSON.stringify(notice),
  });
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [n.title, n.body, n.data.url]),
      ),
    )
    .toEqual([[notice.title, notice.body, notice.url]]);

  // She turns the phone off.
  await section.getByRole("button", { name: "Matikan" }).click();
  await expect(page.getByText("Notifikasi untuk perangkat itu dimatikan.")).toBeVisible();
  await expect(section.getByText("Belum ada perangkat.")).toBeVisible();
  await expect(page.getByRole("group", { name: "komentar" }).getByLabel(perTopic)).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the notifications page says push needs JavaScript and offers no button", async ({ page }) => {
    await signUp(page, "Wulan Tanpa Skrip", "wulan-nojs-push@warga.test");
    await page.goto("/account/notifications");
    const section = page.locator("#push");
    await expect(section.getByText("Notifikasi perlu browser yang mendukungnya, dengan JavaScript aktif.")).toBeVisible();
    await expect(section.getByRole("button", { name: "Nyalakan notifikasi di perangkat ini" })).toBeHidden();
  });
});
