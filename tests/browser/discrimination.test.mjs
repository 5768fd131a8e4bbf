// Discrimination reports in a real browser: an anonymous report filed in Albanian on a phone
// (360 px) and on a desktop (1366 px), signed out; followed by its tracking code; the
// Ombudsperson's caseworker asks a question, the reporter answers with the code, the
// caseworker closes it with a decision, and the reporter sees the outcome. Then the public
// statistics. axe-core must find nothing on any page, and no page may scroll sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startDemo, shots, signIn, checker } from "./harness.mjs";

let demo, browser, base;

before(async () => {
  demo = await startDemo("discrimination");
  ({ browser, base } = demo);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (demo) await demo.stop();
});

async function openByCode(page, code) {
  await page.goto(base + "/report/follow");
  await page.fill("#code", code);
  await page.click("form[action='/report/follow'] button[type=submit]");
  await page.waitForLoadState();
}

test("an anonymous report in Albanian, followed by its code, answered and closed", async () => {
  const failures = [];
  for (const width of [360, 1366]) {
    const wide = width > 600;
    const viewport = { width, height: wide ? 900 : 740 };
    const context = await browser.newContext({ viewport, locale: "sq", bypassCSP: true });
    const page = await context.newPage();
    const check = await checker(page, width, failures);
    const form = await page.goto(base + "/report");
    assert.equal(form.headers()["referrer-policy"], "no-referrer");
    assert.equal(form.headers()["cache-control"], "no-store");
    assert.equal(await page.locator("html").getAttribute("lang"), "sq");
    await check("the report form");
    if (!wide) await page.screenshot({ path: join(shots, "report-form-sq-phone.png"), fullPage: false });
    const words = `Pronari i dyqanit na tha të dalim sepse jemi romë (${width})`;
    await page.fill("#description", words);
    await page.selectOption("#happened-period", "last_week");
    await page.selectOption("#municipality", "gjakove");
    await page.selectOption("#area", "goods_services");
    await page.check("input[name=grounds][value=ethnicity]");
    await page.check("input[name=perpetrator][value=private_person]");
    await page.check("input[name=reporter_role][value=victim]");
    await page.click("#report-form button[type=submit]");
    await page.waitForSelector("#tracking-code", { timeout: 30_000 });
    const code = (await page.locator("#tracking-code").innerText()).trim();
    assert.match(code, /^\d{4} \d{4} \d{4} \d{4}$/);
    assert.ok(!page.url().includes(code.replace(/ /g, "")), "the code is not in the URL");
    await check("the tracking code");

    // The reporter opens it with the code.
    await openByCode(page, code);
    assert.ok(await page.getByText(words).isVisible());
    await check("the report's status");

    // The Ombudsperson's caseworker asks a question.
    const staff = await browser.newContext({ viewport, locale: "en-GB", bypassCSP: true });
    const desk = await staff.newPage();
    const checkDesk = await checker(desk, width, failures);
    await signIn(desk, base, "ombuds");
    await desk.goto(base + "/discrimination");
    await checkDesk("the body's reports");
    await desk.locator("table tbody a").first().click();
    await desk.waitForURL(/\/discrimination\/reports\/\d+$/);
    assert.ok(await desk.getByText(words).isVisible(), "the newest report is this one");
    const reportPath = new URL(desk.url()).pathname;
    await desk.click(`form[action='${reportPath}/acknowledge'] button[type=submit]`);
    await desk.waitForURL(new RegExp(reportPath + "$"));
    await desk.fill("#staff-body", "Në cilin dyqan ndodhi? Ju lutem na tregoni emrin.");
    await desk.check("input[name=question]");
    await desk.click(`form[action='${reportPath}/message'] button[type=submit]`);
    await desk.waitForURL(new RegExp(reportPath + "$"));
    await checkDesk("a report, with a question");

    // The reporter sees the question and answers it.
    await openByCode(page, code);
    assert.ok(await page.getByText("Në cilin dyqan ndodhi?").isVisible());
    await page.fill("#body", "Dyqani në rrugën kryesore, pranë postës.");
    await page.click("form[action='/report/follow'] button.primary");
    await page.waitForLoadState();
    assert.ok(await page.getByText("Dyqani në rrugën kryesore").isVisible());
    await check("the answer sent");
    if (wide) await page.screenshot({ path: join(shots, "report-status.png"), fullPage: true });

    // The caseworker closes it with a decision; the reporter sees the outcome.
    await desk.goto(base + reportPath);
    assert.ok(await desk.getByText("Dyqani në rrugën kryesore").isVisible());
    await desk.selectOption("#outcome", "recommendation_issued");
    await desk.fill("#decision", "I rekomanduam pronarit t'u shërbejë të gjithëve njësoj.");
    await desk.click(`form[action='${reportPath}/close'] button[type=submit]`);
    await desk.waitForURL(new RegExp(reportPath + "$"));
    await checkDesk("a closed report");
    await staff.close();
    await openByCode(page, code);
    assert.ok(await page.locator("#report-outcome").isVisible(), "the outcome is shown");
    assert.ok(await page.getByText("I rekomanduam pronarit").isVisible());
    await check("the outcome");
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test("the public statistics hide small counts", async () => {
  const failures = [];
  for (const width of [360, 1366]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "en-GB", bypassCSP: true });
    const page = await context.newPage();
    const check = await checker(page, width, failures);
    await page.goto(base + "/report/statistics");
    assert.ok(await page.locator("#stats-total").isVisible());
    await check("the public statistics");
    if (width > 600) await page.screenshot({ path: join(shots, "report-statistics.png"), fullPage: true });
    await context.close();
  }
  assert.deepEqual(failures, []);
});
