// A counsellor's day in a real browser, at 1366 px and at 360 px: the home page of my tasks and
// my cases, a task written, a note and a signed scan on a case (and the scan downloaded back),
// the consent form printed in Albanian on A4, and a period report whose small cells are hidden.
// axe-core must find nothing on any page, and no page may scroll sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startDemo, shots, signIn, axeViolations } from "./harness.mjs";

let demo, browser, base;

before(async () => {
  demo = await startDemo("day");
  ({ browser, base } = demo);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (demo) await demo.stop();
});

const SCAN = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

test("a counsellor's day: tasks, a note, a signed scan, the consent form in Albanian, an honest report", async () => {
  const failures = [];
  for (const width of [1366, 360]) {
    const wide = width > 600;
    const context = await browser.newContext({ viewport: { width, height: wide ? 900 : 740 }, locale: "en-GB", bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    const check = async (what) => {
      for (const v of await axeViolations(page)) failures.push(`${width} px, ${what}: axe ${v}`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > width) failures.push(`${width} px, ${what}: scrolls sideways (${scroll} px)`);
    };
    await signIn(page, base, "counsellor");

    // Home: what is mine, each line a link.
    const work = page.locator("section.my-work");
    assert.ok(await work.locator("#my-tasks").isVisible(), "my tasks on the home page");
    assert.ok(await work.locator("ul.tasks a").count() > 0, "each task is a link");
    assert.ok(await work.locator("#my-cases + p + ul a").count() > 0, "my cases, each a link");
    await check("home");
    if (wide) await page.screenshot({ path: join(shots, "home-my-work.png"), fullPage: false });

    // A task written by hand, due tomorrow.
    await page.goto(base + "/tasks");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const title = `Call the municipal office about the school (${width})`;
    await page.fill("#task-title", title);
    await page.fill("#task-due", tomorrow);
    await page.click("form[action='/tasks'] button[type=submit]");
    await page.waitForURL(/\/tasks$/);
    assert.ok(await page.locator("ul.tasks li", { hasText: title }).isVisible(), "the new task is listed");
    await check("my tasks");

    // A case of mine: a note, then the signed consent form scanned and attached.
    await page.goto(base + "/return-cases?assignee=me");
    await page.locator("table.list tbody a").first().click();
    await page.waitForURL(/\/return-cases\/\d+$/);
    const caseUrl = page.url();
    const note = `Met the family at the municipal office; they keep the sheet in Albanian (${width}).`;
    await page.fill("#note-body", note);
    await page.click("form[action$='/notes'] button[type=submit]");
    await page.waitForURL(/#timeline$/);
    assert.ok(await page.locator("ol.timeline li.entry-note", { hasText: note }).isVisible(), "the note is on the timeline");
    await page.selectOption("#file-kind", "signed_consent");
    await page.setInputFiles("#file-file", { name: `consent-${width}.pdf`, mimeType: "application/pdf", buffer: SCAN });
    await page.click("form[action$='/attachments'] button[type=submit]");
    await page.waitForURL(/#timeline$/);
    const link = page.locator("ol.timeline li.entry-file a", { hasText: `consent-${width}.pdf` });
    assert.ok(await link.isVisible(), "the scan is on the timeline");
    const download = page.waitForEvent("download");
    await link.click();
    assert.deepEqual(readFileSync(await (await download).path()), SCAN, "the scan comes back as it went in");
    await check("return case");
    if (wide) {
      await page.locator("#casework").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, "casework.png"), fullPage: false });
    }

    // The consent form, in Albanian, printed on A4 without the page's chrome.
    await page.goto(caseUrl + "/consent-form?lang=sq");
    const form = page.locator("section.consent-doc[lang=sq]");
    assert.match(await form.locator("h1").innerText(), /Pëlqim i informuar/);
    await check("consent form");
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("header.top").isVisible(), false, "no page chrome on paper");
    if (wide) await page.screenshot({ path: join(shots, "consent-form-sq.png"), fullPage: false });
    const pdf = await page.pdf({ format: "A4" });
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-", "it prints");
    await page.emulateMedia({ media: "screen" });

    // The sources' period: counts under the threshold are hidden, and the report says so.
    await page.goto(base + "/reports/returns?from=2008-05-01&to=2008-08-31");
    assert.ok(await page.locator("#suppressed").isVisible(), "the report says what it hid");
    assert.ok(await page.locator("td", { hasText: "fewer than 5" }).first().isVisible(), "a suppressed cell");
    await check("period report");
    await context.close();
  }
  assert.deepEqual(failures, [], failures.join("\n"));
});
