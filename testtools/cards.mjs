// Opens each given page in headless Chromium, reads its share card's
// address (og:image) and alt text, and screenshots the card as a browser
// shows it, at full size (1200×630, one device pixel per pixel), into
// OUT_DIR. Prints what it saw, as JSON, for generator/e2e.
//
//   node testtools/cards.mjs BASE_URL PATHS_JSON OUT_DIR
import { launch } from "./browser.mjs";
import { join } from "node:path";

const [base, pathsJSON, outDir] = process.argv.slice(2);
const browser = await launch();
const out = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
  for (const path of JSON.parse(pathsJSON)) {
    await page.goto(base + path);
    const meta = await page.evaluate(() => {
      const get = (p) => document.querySelector(`meta[property="${p}"]`)?.getAttribute("content") || "";
      return { image: get("og:image"), alt: get("og:image:alt") };
    });
    const card = new URL(meta.image).pathname;
    const res = await page.goto(base + card);
    const size = await page.evaluate(() => {
      const img = document.querySelector("img");
      return img ? { width: img.naturalWidth, height: img.naturalHeight, complete: img.complete } : {};
    });
    const shot = join(outDir, (path.replace(/^\/|\/$/g, "").replace(/\//g, "-") || "home") + ".png");
    await page.screenshot({ path: shot });
    out.push({ page: path, image: meta.image, alt: meta.alt, status: res.status(), type: res.headers()["content-type"], ...size, shot });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
