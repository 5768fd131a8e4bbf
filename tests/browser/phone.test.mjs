// Every page on a phone: the real `drom demo` on a free port with a fresh data folder, walked by
// the demo caseworker at 360 × 640 px. Pages are found by following links breadth-first from the
// home page, so a page added later is covered without a hand-kept list. Each page must not
// scroll sideways, its header must take at most a fifth of the screen, and axe-core must find
// nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startDemo, axeViolations, signIn } from "./harness.mjs";

const WIDTH = 360;
const HEIGHT = 640;
// Enough for one page of every kind; the walk keeps one address per kind (see `kind`).
const CAP = 120;

let demo, browser, base;

before(async () => {
  demo = await startDemo("phone");
  ({ browser, base } = demo);
});

after(async () => {
  if (demo) await demo.stop();
});

// The kind of page an address shows: its path with record ids as `:id`, and the names (not the
// values) of its query. Ten persons' pages are one kind; a report with a period is another kind
// than the report without one.
function kind(url) {
  const path = url.pathname.split("/").map((s) => (/^\d+$/.test(s) ? ":id" : s)).join("/");
  const names = [...new Set([...url.searchParams.keys()])].sort().join("&");
  return names ? `${path}?${names}` : path;
}

// Pages named by a word rather than an id (an information sheet per municipality) are many of
// one kind: a few of them stand for the rest. Returns the folder such a page is in, else null.
const PER_FOLDER = 4;
function wordFolder(k) {
  if (k.includes("?") || k.endsWith("/:id")) return null;
  const cut = k.lastIndexOf("/");
  return cut > 0 ? k.slice(0, cut) : null;
}

// Links worth following: this site's pages, not files, not signing out, not the API.
function followable(url) {
  if (url.origin !== base) return false;
  const p = url.pathname;
  return !(p.startsWith("/static/") || p.startsWith("/api/") || p === "/logout" || p === "/healthz"
           || /\.(csv|xlsx|pdf|json|svg|png)$/.test(p));
}

// The caseworker of the brief, then the protection officer (the desk, screened lists) and the
// system administrator (administration), so that every page is somebody's.
for (const user of ["counsellor", "officer", "sysadmin"]) test(`every page reachable by ${user} fits 360 px, keeps its header small and passes axe`, async () => {
  // The pages forbid inline scripts; axe is put in by the test, not by the page.
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, locale: "en-GB", bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, base, user);

  const seen = new Set();
  const words = new Map();
  const queue = [new URL(base + "/home")];
  const failures = [];
  const walked = [];
  let widest = { path: "", width: 0 };
  while (queue.length && walked.length < CAP) {
    const url = queue.shift();
    const k = kind(url);
    if (seen.has(k)) continue;
    const folder = wordFolder(k);
    if (folder && (words.get(folder) || 0) >= PER_FOLDER) continue;
    seen.add(k);
    if (folder) words.set(folder, (words.get(folder) || 0) + 1);
    const response = await page.goto(url.href);
    const where = url.pathname + url.search;
    if (!response || !(response.headers()["content-type"] || "").startsWith("text/html")) continue;
    walked.push(where);
    if (response.status() >= 400) failures.push(`${where}: answered ${response.status()}`);

    const m = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      header: document.querySelector("header.top")?.getBoundingClientRect().height ?? 0,
      // An SVG link's `href` is not a string (the map's municipalities): read the attribute.
      links: [...document.querySelectorAll("a[href]")].filter((a) => !a.hasAttribute("download"))
        .map((a) => new URL(a.getAttribute("href"), location.href).href)
        // A form that only reads (filters, a report's period) leads to a page too, as filled in.
        .concat([...document.querySelectorAll("form")].filter((f) => f.method === "get").map((f) => {
          const u = new URL(f.action);
          for (const [k, v] of new FormData(f)) if (typeof v === "string" && v !== "") u.searchParams.append(k, v);
          return u.href;
        })),
    }));
    if (m.scroll > widest.width) widest = { path: where, width: m.scroll };
    if (m.scroll > m.inner) failures.push(`${where}: scrolls sideways (scroll width ${m.scroll} > ${m.inner})`);
    if (m.header > HEIGHT / 5) failures.push(`${where}: header ${m.header} px, more than a fifth of ${HEIGHT}`);

    for (const v of await axeViolations(page)) failures.push(`${where}: axe ${v}`);

    for (const href of m.links) {
      const next = new URL(href);
      next.hash = "";
      if (followable(next) && !seen.has(kind(next))) queue.push(next);
    }
  }
  console.log(`${user} walked ${walked.length} pages at ${WIDTH} px; widest ${widest.path} at ${widest.width} px:\n${walked.join("\n")}`);
  assert.ok(walked.length >= 8, `the walk found only ${walked.length} pages: ${walked.join(" ")}`);
  assert.deepEqual(failures, [], failures.join("\n"));
  await context.close();
});
