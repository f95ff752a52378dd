import { chromium } from "playwright-core";
const url = "http://127.0.0.1:4123";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ javaScriptEnabled: false });
const page = await ctx.newPage();
const ids = process.argv.slice(2);
for (const id of ids) {
  await page.goto(`${url}/chi-so/${id}/`);
  const snippet = (await page.locator(".embed-code pre code").textContent()).replace(/https?:\/\/[^/"]+\//g, `${url}/`);
  for (const width of [320, 420, 700]) {
    const a = await ctx.newPage();
    await a.setViewportSize({ width, height: 900 });
    await a.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0">${snippet.replace('loading="lazy"', "")}</body>`);
    const f = a.frameLocator("iframe");
    await f.locator(".embed-attribution").waitFor();
    const fit = await f.locator("body").evaluate(() => {
      const card = document.querySelector(".embed-card");
      const body = document.querySelector(".embed-body");
      return { natural: Math.ceil(card.getBoundingClientRect().height - body.clientHeight + body.scrollHeight), frame: innerHeight };
    });
    console.log(id, width, JSON.stringify(fit), fit.natural > fit.frame ? "CROPPED" : "");
    await a.close();
  }
}
await browser.close();
