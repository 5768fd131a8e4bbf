// Drom's pages in a real browser: headless Debian Chromium driven by Playwright. The test starts
// the real `drom demo` on a free port with a fresh data folder, walks what a caseworker does,
// and saves screenshots for the README.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { startDemo, shots, root, PASSWORD, signIn as harnessSignIn } from "./harness.mjs";

let demo, browser, base;

before(async () => {
  demo = await startDemo("browser");
  ({ browser, base } = demo);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  if (demo) await demo.stop();
});

const signIn = (page, user) => harnessSignIn(page, base, user);

async function signOut(page) {
  await page.click("form[action='/logout'] button");
  await page.waitForURL(base + "/");
}

const consent = async (page) => {
  await page.fill("[name='legal_basis.consent_scope']", "registration, counselling and referral");
};

test("a caseworker registers a household of three, finds a member, reads it in Albanian; another agency cannot", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, "counsellor");

  // The head of household.
  await page.goto(base + "/persons/new");
  await page.fill("#given_name", "Shpëtim");
  await page.fill("#family_name", "Xhemajli");
  await page.fill("#date_of_birth", "1979-04");
  await page.selectOption("#sex", "male");
  await page.fill("#municipality_of_origin", "Fushë Kosovë");
  await page.fill("#current_country", "Germany");
  await consent(page);
  await page.click("form.record button[type=submit]");
  await page.waitForURL(/\/persons\/\d+$/);
  const personUrl = page.url();
  await page.click("text=Create a household with this person as head");
  await page.waitForURL(/\/households\/\d+$/);
  const householdUrl = page.url();

  // Two more members, registered straight into the household.
  for (const [given, relation, dob] of [["Drita", "spouse", "1982-11-02"], ["Arbër", "child", "2012"]]) {
    await page.click("text=Register a new person in this household");
    await page.selectOption("#relation", relation);
    await page.fill("#given_name", given);
    await page.fill("#date_of_birth", dob);
    await consent(page);
    await page.click("form.record button[type=submit]");
    await page.waitForURL(householdUrl);
  }
  const members = await page.locator("table.list tbody tr").count();
  assert.equal(members, 3, "three members in the household");
  await page.screenshot({ path: join(shots, "household.png"), fullPage: true });

  // Protection screening of the household, from the head's page.
  await page.goto(personUrl);
  await page.selectOption("#return_type", "forced");
  await page.click("text=Screen the household");
  await page.waitForURL(/\/screenings\/\d+$/);
  assert.equal(await page.locator("section.decision.member").count(), 3, "a decision for every member");
  assert.ok(await page.locator("section.household", { hasText: "needs assessment" }).isVisible(), "one household decision first");
  assert.ok(await page.locator("legend", { hasText: "Is the person a victim of trafficking?" }).first().isVisible(), "facts asked as questions");

  // A form refused keeps what was typed and says why, next to the field.
  await page.goto(base + "/persons/new");
  await page.fill("#given_name", "Test");
  await page.fill("#family_name", "Person");
  await page.fill("#date_of_birth", "1990-02-30");
  await page.click("form.record button[type=submit]");
  assert.match(await page.locator("#date_of_birth-error").innerText(), /1990-02-30/);
  assert.equal(await page.inputValue("#given_name"), "Test");

  // Search without diacritics finds "Shpëtim"; the list updates as one types.
  await page.goto(base + "/persons");
  await page.fill("#q", "shpetim xhem");
  await page.waitForSelector("text=Xhemajli, Shpëtim");
  await page.screenshot({ path: join(shots, "persons.png"), fullPage: false });
  await page.click("text=Xhemajli, Shpëtim");
  await page.waitForURL(personUrl);

  // Arrow keys in the language menu change nothing until its button is pressed (WCAG 3.2.2).
  await page.focus("#lang-select");
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(300);
  assert.equal(await page.getAttribute("html", "lang"), "en", "no change of context on a key");
  // Albanian, chosen in the switcher, stays chosen.
  // The switcher submits a form; wait for the page it brings back, not the one already loaded.
  await page.selectOption("#lang-select", "sq");
  await page.click("form.lang button");
  await page.waitForSelector("html[lang='sq']");
  assert.equal(await page.getAttribute("html", "lang"), "sq");
  assert.ok(await page.locator("nav >> text=Personat").isVisible(), "navigation in Albanian");
  assert.ok(await page.locator("text=Komuna e origjinës").isVisible());
  assert.ok(await page.locator("text=Fushë Kosovë").first().isVisible(), "municipality in its Albanian form");
  await page.screenshot({ path: join(shots, "person-sq.png"), fullPage: false });
  await page.goto(base + "/persons");
  assert.equal(await page.getAttribute("html", "lang"), "sq");
  await page.selectOption("#lang-select", "en");
  await page.click("form.lang button");
  await page.waitForSelector("html[lang='en']");

  // An agency's administrator manages its own agency only: the other agencies are not offered.
  await signOut(page);
  await signIn(page, "admin");
  await page.goto(base + "/admin/users");
  assert.equal(await page.locator("#agency_id option").count(), 1, "only the administrator's own agency");
  await signOut(page);
  // The system administrator adds a viewer in another agency; that viewer cannot open the record.
  await signIn(page, "sysadmin");
  await page.goto(base + "/admin/users");
  await page.fill("#username", "mun-viewer");
  await page.fill("#display_name", "Municipal viewer");
  await page.selectOption("#agency_id", { label: "Municipal Office for Communities and Returns, Fushë Kosovë" });
  await page.selectOption("#role", "viewer");
  await page.fill("#password", PASSWORD);
  await page.click("form[action='/admin/users'] button[type=submit]");
  await page.waitForSelector("text=mun-viewer");
  await signOut(page);
  await signIn(page, "mun-viewer");
  const response = await page.goto(personUrl);
  assert.equal(response.status(), 404);
  assert.ok(await page.locator("h1", { hasText: "Not found" }).isVisible());
  assert.equal(await page.locator("text=Xhemajli").count(), 0);
  await page.goto(base + "/persons?q=xhemajli");
  assert.equal(await page.locator("text=Xhemajli").count(), 0, "not in another agency's search");

  // Disabled by the system administrator, the viewer's open session stops at once.
  const admin = await context.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const adminPage = await admin.newPage();
  await signIn(adminPage, "sysadmin");
  await adminPage.goto(base + "/admin/users");
  await adminPage.click("a:text-is('mun-viewer')");
  await adminPage.check("#disabled");
  await adminPage.fill("#reason", "left the office");
  await adminPage.click("form[action^='/admin/users/'] button.primary");
  await adminPage.waitForSelector("text=The account was changed.");
  await adminPage.screenshot({ path: join(shots, "account-disabled.png"), fullPage: false });
  await admin.close();
  await page.goto(base + "/persons");
  assert.ok(page.url().includes("/login"), "the disabled user's session no longer works");
  await context.close();
});

test("pages work at 360 px, by keyboard, with a label on every input", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "sq-AL" });
  const page = await context.newPage();
  await page.goto(base + "/");
  assert.equal(await page.getAttribute("html", "lang"), "sq", "Accept-Language honoured on first visit");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip", "the first Tab reaches 'skip to content'");
  await signIn(page, "counsellor");
  for (const path of ["/home", "/persons", "/persons/new", "/households", "/return-cases", "/programmes", "/screenings",
                      "/screenings/rescreen",
                      "/info-sheets", "/reports/returns?from=2008-05-01&to=2008-08-31", "/reports/sustainability"]) {
    await page.goto(base + path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} fits 360 px (scroll width ${width})`);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input:not([type=hidden]), select")]
        .filter((el) => el.labels === null || el.labels.length === 0)
        .map((el) => el.name || el.id));
    assert.deepEqual(unlabelled, [], `${path}: inputs without a label`);
  }
  await page.goto(base + "/persons/new");
  await page.screenshot({ path: join(shots, "form-360.png"), fullPage: false });
  await context.close();
});

test("a counsellor reads the 2008 period report with its charts and follows a monitored return", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, "counsellor");

  // The sources' own period, reproduced from the demo data.
  await page.goto(base + "/reports/returns?from=2008-05-01&to=2008-08-31");
  assert.match(await page.locator("section.counts").innerText(), /311/);
  const austria = page.locator("#by-host_country tbody tr", { hasText: "Austria" });
  assert.match(await austria.innerText(), /95/);
  assert.match(await page.locator("#by-transport tbody tr", { hasText: "land" }).innerText(), /\b7\b/);
  assert.ok(await page.locator("#by-host_country svg").isVisible(), "a chart of returns by host country");
  await page.screenshot({ path: join(shots, "report.png"), fullPage: false });
  const download = page.waitForEvent("download");
  await page.click("a[href^='/reports/returns.csv']");
  const csv = await (await download).path();
  const { readFileSync } = await import("node:fs");
  assert.match(readFileSync(csv, "utf8"), /\nhost_country,AT,Austria,95,/);

  // Forced against voluntary: the evidence on whether returns last.
  await page.goto(base + "/reports/sustainability");
  assert.ok(await page.locator("table").first().isVisible());
  await page.screenshot({ path: join(shots, "sustainability.png"), fullPage: false });

  // A monitored case of the 2025 cohort, with its visits and the steps still open.
  await page.goto(base + "/return-cases?stage=monitored");
  await page.locator("table.list tbody a").first().click();
  await page.waitForURL(/\/return-cases\/\d+$/);
  assert.ok(await page.locator("#visit").isVisible());
  await page.screenshot({ path: join(shots, "return-case.png"), fullPage: false });
  await context.close();
});

test("a protection officer screens a readmission list, prints its summary in Albanian, and meets the gate on a case", async () => {
  for (const width of [1366, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB" });
    const page = await context.newPage();
    await signIn(page, "officer");
    const wide = width > 1000;

    // The Roma family's forced return is held at the gate: the first thing on its page.
    await page.goto(base + "/screenings");
    const held = page.locator("#held + .table-scroll tbody tr", { hasText: "Bajrami" });
    assert.match(await held.innerText(), /may not be returned by force/);
    await held.locator("a").click();
    await page.waitForURL(/\/return-cases\/\d+/);
    const gate = page.locator("#gate");
    assert.match(await gate.locator("h2").innerText(), /Protection gate: closed/);
    assert.match(await gate.innerText(), /Kosovo Serbs and Roma remain presumed at risk/);
    assert.equal(await page.locator("#form-travel").count(), 0, "no travel form behind a closed gate");
    assert.ok(await page.locator("#form-conversion").isVisible(), "conversion to a voluntary return is offered");
    const gateBox = await gate.boundingBox();
    const stagesBox = await page.locator("ol.stages").boundingBox();
    assert.ok(gateBox.y < stagesBox.y, "the gate comes before the case's stages");
    assert.equal(await gate.locator("ul.gate-reasons li").count(), 1, "one reason for the family, not one per member");
    assert.ok(await gate.locator("a[href='#form-closure']").isVisible(), "closing the case is offered");
    if (wide) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, "gate.png"), fullPage: false });
    }

    // A readmission list, uploaded and screened; the page follows until the decisions are stored.
    await page.goto(base + "/screenings");
    await page.setInputFiles("#list-file", join(root, "docs", "examples", "readmission-list.csv"));
    await page.click("#form-upload button[type=submit]");
    await page.waitForURL(/\/screenings\/lists\/\d+/);
    await page.waitForSelector("table.counts", { timeout: 30_000 });
    const counts = await page.locator("table.counts").innerText();
    assert.match(counts, /protected[^\n]*\t?\s*9/);
    assert.match(counts, /18/);
    await page.selectOption("#outcome", "protected");
    await page.click("form.filters button");
    await page.waitForURL(/outcome=protected/);
    const row = page.locator("table.list tbody tr", { hasText: "Petrović" });
    await row.locator("summary").click();
    assert.match(await row.innerText(), /Kosovo Serbs and Roma remain presumed at risk/);
    if (wide) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(shots, "screened-list.png"), fullPage: false });
    }
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `the list page fits ${width} px (scroll width ${scroll})`);

    // The summary for the host country, in Albanian, printed to A4.
    const listUrl = page.url().split("?")[0];
    await page.selectOption("#lang-select", "sq");
    await page.click("form.lang button");
    await page.waitForSelector("html[lang='sq']");
    await page.goto(listUrl + "/summary");
    assert.ok(await page.locator("h1", { hasText: "Shqyrtimi i mbrojtjes i një liste ripranimi" }).isVisible());
    assert.ok(await page.locator("text=Kush nuk mund të kthehet me forcë, dhe pse").first().isVisible());
    assert.ok(await page.locator("h1", { hasText: "Protection screening of a readmission list: summary" }).count(), "with the English version");
    assert.match(await page.locator("section.decision-doc").first().innerText(), /Nënshkruar nga Protection officer/);
    if (wide) {
      await page.screenshot({ path: join(shots, "list-summary-sq.png"), fullPage: false });
      const pdf = await page.pdf({ format: "A4", printBackground: false });
      assert.equal(pdf.subarray(0, 4).toString(), "%PDF", "printed to PDF");
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.locator("header.top").isVisible(), false, "no page chrome in print");
      await page.emulateMedia({ media: "screen" });
    }
    await page.selectOption("#lang-select", "en");
    await page.click("form.lang button");
    await page.waitForSelector("html[lang='en']");
    await context.close();
  }
});
