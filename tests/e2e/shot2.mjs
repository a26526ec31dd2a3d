// scratch: node shot2.mjs URL WIDTH OUTPREFIX selector...
import { chromium } from "playwright-core";
const [url, w, out, ...sels] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking"] });
const c = await b.newContext({ viewport: { width: Number(w), height: 844 } });
const p = await c.newPage();
await p.goto(url, { waitUntil: "load" });
let i = 0;
for (const s of sels) {
  const el = await p.$(s);
  if (!el) { console.log("missing", s); continue; }
  const box = await el.boundingBox();
  await el.screenshot({ path: `${out}-${i++}.png` });
  console.log(s, JSON.stringify(box));
}
console.log("scrollWidth", await p.evaluate(() => document.documentElement.scrollWidth));
await b.close();
