// Debian's Chromium, headless, driven by playwright-core (Playwright's own browser download
// cannot work here).
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeout` ms. */
export async function until(what, probe, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) {
      return last;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/**
 * A page of the hub's origin with a Herald client in it. Events land in window.received as
 * {type, id, data}, states in window.states.
 */
const routed = new WeakSet();

export async function client(context, hub, { user, topics = [], share = true, types = ["notification"], election = "auto" }) {
  const blank = `${hub.url}/test-blank.html`; // an empty page of the hub's origin, made up here
  if (!routed.has(context)) {
    routed.add(context);
    await context.route(`**/test-blank.html`, (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><title>herald test</title>" }),
    );
  }
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(blank);
  await page.evaluate(
    async ({ user, topics, share, types, election }) => {
      const { Herald } = await import("/herald.js");
      const token = async () => (await (await fetch(`/demo/token?user=${encodeURIComponent(user)}`)).json()).token;
      window.received = [];
      window.resets = [];
      window.states = [];
      const herald = new Herald({ token, user, topics, share, election, maxRetryDelay: 2000 });
      herald.onState((state) => window.states.push(state));
      for (const type of types) {
        herald.on(type, (e) => window.received.push({ type: e.type, id: e.id, data: e.json() }));
      }
      herald.onReset((e) => window.resets.push(e.id));
      window.herald = herald;
    },
    { user, topics, share, types, election },
  );
  return page;
}

export const received = (page) => page.evaluate(() => window.received);
export const stateOf = (page) => page.evaluate(() => window.herald.state);
export const isLeader = (page) => page.evaluate(() => window.herald.leader);
