// `dokaz serve`'s live-reload client in a real browser (Debian's headless
// Chromium driven by playwright-core): a page reloads when its own file
// changes and keeps its scroll position; a page whose file did not change
// does not reload; a broken save shows the diagnostics in an accessible
// dialog over the last good page; the fix removes it.
//
// serve runs on a copy of the bundled example in a temporary folder; the
// test edits that copy. Run: `cd tests/e2e && npm ci && npm test`.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WARM = "content/practices/warm-home/index.md";
const TEPLYI = "content/practices/teplyi-dom/index.md";
let dir, root, serve, base, browser;
const consoleErrors = [];

before(async () => {
  execFileSync("cargo", ["build", "--release", "--quiet"], { cwd: repo, stdio: "inherit" });
  dir = mkdtempSync(join(tmpdir(), "dokaz-serve-e2e-"));
  root = join(dir, "reg");
  cpSync(join(repo, "content"), join(root, "content"), { recursive: true });
  cpSync(join(repo, "registry.yaml"), join(root, "registry.yaml"));
  serve = spawn(join(repo, "target/release/dokaz"), ["serve", "--port", "0", "--root", root], {
    stdio: ["ignore", "pipe", "inherit"],
    // The overlay's English texts are asserted below (the registry's own
    // language, Russian, is tested in tests/cli.rs).
    env: { ...process.env, DOKAZ_LANG: "en" },
  });
  base = await new Promise((ok, fail) => {
    let out = "";
    serve.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[0-9.:]+/);
      if (m) ok(m[0]);
    });
    serve.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  serve?.kill("SIGINT");
  if (dir) rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(consoleErrors, [], "no console errors");
});

async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const p = await context.newPage();
  p.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${p.url()}: ${m.text()}`);
  });
  p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
  await p.goto(base + path);
  // The client says when the first event (ok or diagnostics) has come.
  await p.waitForFunction(() => window.__dokazLiveReady === true, null, { timeout: 30000 });
  return p;
}

function edit(rel, from, to) {
  const path = join(root, rel);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${rel} has no ${from}`);
  writeFileSync(path, text.replace(from, to));
}

test("an edit reloads its page, keeps the scroll position, and leaves other pages alone", async () => {
  // Warm Home is the English translation: its page is the English one.
  const p = await open("/en/practices/warm-home/");
  const other = await open("/practices/mother-house/");
  await other.evaluate(() => (window.__notReloaded = true));
  await p.evaluate(() => window.scrollTo(0, 1500));
  const y = await p.evaluate(() => window.scrollY);
  assert.ok(y > 1000, `the page scrolls (${y})`);
  await p.evaluate(() => (window.__notReloaded = true));

  edit(WARM, 'title: "Warm Home', 'title: "Browser Home');
  await p.waitForFunction(() => document.title.includes("Browser Home"), null, { timeout: 30000 });
  assert.equal(await p.evaluate(() => window.__notReloaded), undefined, "the page reloaded");
  await p.waitForFunction((y) => Math.abs(window.scrollY - y) < 50, y, { timeout: 10000 });
  await p.evaluate(() => (window.__reloadedOnce = true));

  // The listings follow; the other practice's page did not change, and
  // the edited one is not reloaded a second time for them.
  const cat = await open("/en/practices/");
  await cat.waitForFunction(() => document.body.textContent.includes("Browser Home"), null, { timeout: 30000 });
  assert.equal(await other.evaluate(() => window.__notReloaded), true, "an unchanged page is not reloaded");
  assert.equal(await p.evaluate(() => window.__reloadedOnce), true, "the edited page reloaded once");
  await p.context().close();
  await other.context().close();
  await cat.context().close();
});

test("a broken save shows the errors over the last good page; the fix removes them", async () => {
  const p = await open("/practices/teplyi-dom/");
  const title = await p.title();
  edit(TEPLYI, "\nstatus: active", "\nstatus: activ");
  const dialog = p.locator('#dokaz-overlay[role="alertdialog"]');
  await dialog.waitFor({ timeout: 30000 });
  const text = await p.textContent("#dokaz-overlay-text");
  assert.match(text, /D009/);
  assert.match(text, /content\/practices\/teplyi-dom\/index\.md:\d+:\d+/);
  assert.match(text, /status: activ/);
  assert.match(text, /hint: did you mean `active`\?/);
  assert.equal(await p.title(), title, "the last good page is still there");
  // The dialog has an accessible name and description, focus on its button.
  assert.equal(await p.evaluate(() => document.activeElement?.textContent), "Close");
  // Through the DevTools protocol: an inline script tag (addScriptTag)
  // is what the site's Content-Security-Policy refuses.
  await p.evaluate(axeSource);
  const axe = await p.evaluate(async () => {
    const r = await window.axe.run("#dokaz-overlay");
    return r.violations.filter((v) => ["serious", "critical"].includes(v.impact)).map((v) => v.id);
  });
  assert.deepEqual(axe, []);
  // Escape closes it; a page opened now shows it at once.
  await p.keyboard.press("Escape");
  assert.equal(await p.locator("#dokaz-overlay").count(), 0);
  const q = await open("/");
  await q.locator("#dokaz-overlay").waitFor({ timeout: 30000 });

  edit(TEPLYI, "\nstatus: activ", "\nstatus: active");
  await q.locator("#dokaz-overlay").waitFor({ state: "detached", timeout: 30000 });
  await p.context().close();
  await q.context().close();
});
