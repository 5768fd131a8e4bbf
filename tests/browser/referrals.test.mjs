// The referral network in a real browser: a counsellor refers a returnee to the municipal office
// for communities and returns, which accepts and completes it (at 1366 px and at 360 px), and
// the public service finder with its map in Albanian on a phone, signed out. axe-core must find
// nothing on any page, and no page may scroll sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startDemo, shots, signIn, checker } from "./harness.mjs";

let demo, browser, base;

before(async () => {
  demo = await startDemo("referrals");
  ({ browser, base } = demo);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (demo) await demo.stop();
});

test("a referral from a counsellor to the municipal office, accepted and completed", async () => {
  const failures = [];
  for (const width of [1366, 360]) {
    const wide = width > 600;
    const viewport = { width, height: wide ? 900 : 740 };
    const sender = await browser.newContext({ viewport, locale: "en-GB", bypassCSP: true });
    const page = await sender.newPage();
    const check = await checker(page, width, failures);
    await signIn(page, base, "counsellor");

    // From a case of mine: Refer.
    await page.goto(base + "/return-cases?assignee=me");
    await page.locator("table.list tbody a").first().click();
    await page.waitForURL(/\/return-cases\/\d+$/);
    const personHref = await page.locator("a[href^='/persons/']").first().getAttribute("href");
    await page.locator("a[href^='/referrals/new?return_case_id=']").click();
    await page.waitForURL(/\/referrals\/new/);
    await check("new referral");
    await page.selectOption("#need", "return_reintegration");
    const service = page.locator("#service option", { hasText: "Municipal Office for Communities and Returns, Fushë Kosovë" }).first();
    await page.selectOption("#service", await service.getAttribute("value"));
    await page.fill("#need-text", `Needs help with civil documents for the children (${width})`);
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.fill("#due", due);
    await page.check("input[name=consent][value=yes]");
    for (const f of ["name", "phone", "need"]) await page.check(`input[name=consent_fields][value=${f}]`);
    for (const f of ["name", "need"]) await page.check(`input[name=fields][value=${f}]`);
    await page.click("form[action='/referrals'] button[type=submit]");
    await page.waitForLoadState();
    if (!/\/referrals\/\d+$/.test(page.url())) assert.fail("not sent: " + (await page.locator("main").innerText()).slice(0, 1500));
    const referralUrl = page.url();
    const referralPath = new URL(referralUrl).pathname;
    assert.match(await page.locator("p.lead").innerText(), /requested/i);
    await check("the referral, sent");

    // The municipal office: the referral in its inbox; the person's record stays out of reach.
    const receiver = await browser.newContext({ viewport, locale: "en-GB", bypassCSP: true });
    const office = await receiver.newPage();
    const checkOffice = await checker(office, width, failures);
    await signIn(office, base, "municipal");
    await office.goto(base + "/referrals?box=received");
    assert.ok(await office.locator(`a[href='${referralPath}']`).count() > 0, "the referral is in the office's inbox");
    await checkOffice("received referrals");
    const denied = await office.goto(base + personHref);
    assert.equal(denied.status(), 404, "the receiving office cannot open the person's record");
    await office.goto(base + referralPath);
    assert.ok(await office.getByText(`Needs help with civil documents for the children (${width})`).isVisible());
    for (const status of ["accepted", "in-progress"]) {
      await office.selectOption("#status", status);
      await office.click(`form[action='${referralPath}/status'] button[type=submit]`);
      await office.waitForURL(new RegExp(referralPath + "$"));
    }
    await office.selectOption("#status", "completed");
    await office.fill("#outcome", "Birth certificates issued for both children; enrolled at the local school");
    await office.click(`form[action='${referralPath}/status'] button[type=submit]`);
    await office.waitForURL(new RegExp(referralPath + "$"));
    assert.match(await office.locator("p.lead").innerText(), /completed/i);
    await checkOffice("the referral, completed");
    await receiver.close();

    // The counsellor sees the loop closed, with the outcome and who did what.
    await page.goto(referralUrl);
    assert.match(await page.locator("p.lead").innerText(), /completed/i);
    assert.ok(await page.getByText("Birth certificates issued for both children").first().isVisible());
    await check("the referral, closed");
    if (wide) await page.screenshot({ path: join(shots, "referral.png"), fullPage: true });
    await sender.close();
  }
  assert.deepEqual(failures, []);
});

test("the public service finder and its map, in Albanian on a phone, signed out", async () => {
  const failures = [];
  for (const width of [360, 1366]) {
    const wide = width > 600;
    const context = await browser.newContext({ viewport: { width, height: wide ? 900 : 740 }, locale: "sq", bypassCSP: true });
    const page = await context.newPage();
    const check = await checker(page, width, failures);
    await page.goto(base + "/services");
    assert.equal(await page.locator("html").getAttribute("lang"), "sq");
    const links = page.locator("figure.map svg a[href^='/services?municipality=']");
    assert.equal(await links.count(), 38, "every municipality on the map is a link");
    await check("the finder");
    if (!wide) await page.screenshot({ path: join(shots, "finder-sq-phone.png"), fullPage: false });
    if (wide) await page.locator("figure.map").screenshot({ path: join(shots, "service-map.png") });

    // A municipality from the map, then a service: address, hours, what to bring.
    const fushe = links.and(page.locator("[href='/services?municipality=fushe-kosove']"));
    await page.goto(base + (await fushe.getAttribute("href")));
    assert.ok(await page.locator("a[href^='/services/']").count() > 0, "Fushë Kosovë has services");
    const first = page.locator("a[href^='/services/']").first();
    await first.click();
    await page.waitForURL(/\/services\/[0-9a-f-]{36}$/);
    assert.ok(await page.locator("main h1").isVisible());
    await check("a service");
    // The search by need and open now works without a script: a plain GET form.
    await page.goto(base + "/services?need=health&open_now=1");
    await check("needs and open now");
    await context.close();
  }
  assert.deepEqual(failures, []);
});
