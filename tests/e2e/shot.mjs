// scratch: node shot.mjs BASE OUTDIR path...  (not committed)
import { chromium } from "playwright-core";
const [base, out, ...paths] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking"] });
for (const path of paths) {
  for (const w of [1280, 390]) {
    const c = await b.newContext({ viewport: { width: w, height: 900 } });
    const p = await c.newPage();
    await p.goto(base + path, { waitUntil: "load" });
    const name = path.replace(/[\/]/g, "_") + "-" + w;
    await p.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    const y0 = Number(process.env.Y0 || 0);
    await p.screenshot({ path: `${out}/${name}-top.png`, fullPage: true, clip: { x: 0, y: y0, width: w, height: Number(process.env.CLIP || 1800) } });
    const h = await p.evaluate(() => document.documentElement.scrollHeight);
    console.log(name, "height", h);
    if (w === 1280) { await p.emulateMedia({ media: "print" }); await p.pdf({ path: `${out}/${name}.pdf`, format: "A4", printBackground: true }); }
    await c.close();
  }
}
await b.close();
