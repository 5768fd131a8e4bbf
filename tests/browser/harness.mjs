// What every browser test needs: the real `drom demo` on a free port with a fresh data folder,
// Debian's headless Chromium, signing in, and axe-core run on a page.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import net from "node:net";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const shots = join(root, "docs", "screenshots");
export const PASSWORD = "drom-demo-2026";
const bin = process.env.DROM_BIN || join(root, "target", "debug", "drom");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

async function waitForHealth(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try { if ((await fetch(url + "/healthz")).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("drom demo did not become healthy at " + url);
}

// Starts a demo and a browser; `stop` ends both and removes the data folder.
export async function startDemo(name) {
  const dataDir = mkdtempSync(join(tmpdir(), `drom-${name}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin, ["demo", "--addr", `127.0.0.1:${port}`, "--data", dataDir], { stdio: ["ignore", "ignore", "inherit"] });
  server.on("exit", (code) => { if (code) console.error("drom exited with", code); });
  await waitForHealth(base, 120_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const stop = async () => {
    await browser.close();
    server.kill("SIGINT");
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, browser, stop };
}

export async function signIn(page, base, user) {
  await page.goto(base + "/login");
  await page.fill("#username", user);
  await page.fill("#password", PASSWORD);
  await page.click("form[action='/login'] button[type=submit]");
  await page.waitForURL(/\/home$/);
}

// axe-core's violations on the page, one line each. The pages forbid inline scripts, so the
// page's context must be made with `bypassCSP: true` for axe to be put in.
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`));
}

// A check of the page as it is now, at `width` px: axe-core's violations and any sideways
// scroll are added to `failures`, named by `what`.
export async function checker(page, width, failures) {
  return async (what) => {
    for (const v of await axeViolations(page)) failures.push(`${width} px, ${what}: axe ${v}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scroll > width) failures.push(`${width} px, ${what}: scrolls sideways (${scroll} px)`);
  };
}
