// herald.js and the demo page in a real Chromium against the real hub (herald-server.jar).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Hub } from "./hub.mjs";
import { client, isLeader, launch, received, stateOf, until } from "./browser.mjs";

const screenshots = resolve(fileURLToPath(new URL(".", import.meta.url)), "../test-output");
mkdirSync(screenshots, { recursive: true });

let hub;
let browser;

before(async () => {
  [hub, browser] = await Promise.all([new Hub().start(), launch()]);
});

after(async () => {
  await browser?.close();
  await hub?.destroy();
});

const texts = (events) => events.map((e) => e.data.text);

async function allOpen(pages) {
  await until("every page open", async () => (await Promise.all(pages.map(stateOf))).every((s) => s === "open"));
}

describe("herald.js", () => {
  test("a page receives a published notification", async () => {
    const context = await browser.newContext();
    try {
      const page = await client(context, hub, { user: "ann" });
      await allOpen([page]);
      const id = await hub.publish({ users: ["ann"], type: "notification", data: { text: "hello ann" } });
      const events = await until("the notification", async () => (await received(page)).length > 0 && received(page));
      assert.deepEqual(events, [{ type: "notification", id, data: { text: "hello ann" } }]);
      assert.deepEqual(await page.evaluate(() => window.states), ["open"], "connecting (the start) to open, nothing else");
    } finally {
      await context.close();
    }
  });

  test("two users in two browser contexts see only their own", async () => {
    const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
    try {
      const amy = await client(first, hub, { user: "amy" });
      const ben = await client(second, hub, { user: "ben" });
      await allOpen([amy, ben]);
      await hub.publish({ users: ["amy"], type: "notification", data: { text: "for amy" } });
      await hub.publish({ users: ["ben"], type: "notification", data: { text: "for ben" } });
      await hub.publish({ users: ["amy", "ben"], type: "notification", data: { text: "for both" } });
      await until("the last event in both", async () =>
        (await Promise.all([amy, ben].map(received))).every((events) => texts(events).includes("for both")),
      );
      assert.deepEqual(texts(await received(amy)), ["for amy", "for both"]);
      assert.deepEqual(texts(await received(ben)), ["for ben", "for both"]);
      // different users never share, even in one browser: one connection each
      assert.equal(await hub.connectionsOf("amy"), 1);
      assert.equal(await hub.connectionsOf("ben"), 1);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test("eight tabs share one connection, all receive each event once, and survive the leader closing", async () => {
    const context = await browser.newContext();
    try {
      const tabs = [];
      for (let i = 0; i < 8; i++) {
        tabs.push(await client(context, hub, { user: "cleo" }));
      }
      await allOpen(tabs);
      await until("one connection for cleo", async () => (await hub.connectionsOf("cleo")) === 1);
      const leaders = (await Promise.all(tabs.map(isLeader))).filter(Boolean);
      assert.equal(leaders.length, 1, "exactly one tab leads");

      const before = [];
      for (let i = 1; i <= 5; i++) {
        before.push(`event ${i}`);
        await hub.publish({ users: ["cleo"], type: "notification", data: { text: `event ${i}` } });
      }
      await until("five events in every tab", async () =>
        (await Promise.all(tabs.map(received))).every((events) => events.length >= 5),
      );
      for (const tab of tabs) {
        assert.deepEqual(texts(await received(tab)), before, "every tab, every event, once, in order");
      }
      assert.equal(await hub.connectionsOf("cleo"), 1, "still one connection with eight tabs");

      // The leader tab goes away; events keep being published during the handover.
      const leader = tabs[(await Promise.all(tabs.map(isLeader))).indexOf(true)];
      const others = tabs.filter((tab) => tab !== leader);
      const closing = leader.close();
      const during = [];
      for (let i = 6; i <= 12; i++) {
        during.push(`event ${i}`);
        await hub.publish({ users: ["cleo"], type: "notification", data: { text: `event ${i}` } });
      }
      await closing;
      await until("all twelve events in the seven tabs left", async () =>
        (await Promise.all(others.map(received))).every((events) => events.length >= 12),
      );
      await hub.publish({ users: ["cleo"], type: "notification", data: { text: "after" } });
      await until("the last event", async () =>
        (await Promise.all(others.map(received))).every((events) => texts(events).includes("after")),
      );
      for (const tab of others) {
        assert.deepEqual(texts(await received(tab)), [...before, ...during, "after"], "no gap, no duplicate");
      }
      assert.equal((await Promise.all(others.map(isLeader))).filter(Boolean).length, 1, "one new leader");
      await until("one connection for cleo again", async () => (await hub.connectionsOf("cleo")) === 1);
    } finally {
      await context.close();
    }
  });

  test("a new leader listens to the event types of every tab, not only its own", async () => {
    const context = await browser.newContext();
    try {
      const first = await client(context, hub, { user: "finn", types: ["notification"] });
      await allOpen([first]);
      assert.equal(await isLeader(first), true);
      const second = await client(context, hub, { user: "finn", types: ["notification"] });
      const third = await client(context, hub, { user: "finn", types: ["alert"] });
      await allOpen([second, third]);
      await hub.publish({ users: ["finn"], type: "alert", data: { text: "alert 1" } });
      await until("the first alert", async () => (await received(third)).length === 1);
      await first.close(); // the second tab, queued first for the lock, takes over
      await until("the second tab leads", () => isLeader(second));
      await hub.publish({ users: ["finn"], type: "alert", data: { text: "alert 2" } });
      await hub.publish({ users: ["finn"], type: "notification", data: { text: "note" } });
      await until("the second alert and the note", async () =>
        (await received(third)).length === 2 && (await received(second)).length === 1,
      );
      assert.deepEqual(texts(await received(third)), ["alert 1", "alert 2"]);
      assert.deepEqual(texts(await received(second)), ["note"]);
    } finally {
      await context.close();
    }
  });

  test("share: false opens a connection per page", async () => {
    const context = await browser.newContext();
    try {
      const pages = [await client(context, hub, { user: "dora", share: false }), await client(context, hub, { user: "dora", share: false })];
      await allOpen(pages);
      await until("two connections for dora", async () => (await hub.connectionsOf("dora")) === 2);
      await hub.publish({ users: ["dora"], type: "notification", data: { text: "hi" } });
      await until("the event in both", async () => (await Promise.all(pages.map(received))).every((e) => e.length === 1));
    } finally {
      await context.close();
    }
  });

  test("the BroadcastChannel election (no Web Locks) also keeps one connection and hands over", async () => {
    const context = await browser.newContext();
    try {
      const tabs = [];
      for (let i = 0; i < 3; i++) {
        const page = await client(context, hub, { user: "ella", election: "broadcast" });
        tabs.push(page);
      }
      await allOpen(tabs);
      await until("one leader", async () => (await Promise.all(tabs.map(isLeader))).filter(Boolean).length === 1);
      await until("one connection for ella", async () => (await hub.connectionsOf("ella")) === 1);
      await hub.publish({ users: ["ella"], type: "notification", data: { text: "one" } });
      const leader = tabs[(await Promise.all(tabs.map(isLeader))).indexOf(true)];
      const others = tabs.filter((tab) => tab !== leader);
      await until("the first event everywhere", async () => (await Promise.all(tabs.map(received))).every((e) => e.length === 1));
      await leader.close();
      await hub.publish({ users: ["ella"], type: "notification", data: { text: "two" } });
      await until("the second event in the tabs left", async () =>
        (await Promise.all(others.map(received))).every((e) => e.length === 2),
      );
      for (const tab of others) {
        assert.deepEqual(texts(await received(tab)), ["one", "two"]);
      }
    } finally {
      await context.close();
    }
  });
});

describe("the demo page", () => {
  test("publish form, badge, follow a topic", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/`);
      await page.fill("#user", "frank");
      await page.click("#sign-in button[type=submit]");
      await page.waitForSelector('#connection[data-state="open"]');

      await page.fill("#target", "frank");
      await page.fill("#data", "Your export is ready");
      await page.click("#publish button[type=submit]");
      await page.waitForSelector("#notifications li >> text=Your export is ready");
      assert.match(await page.textContent("#publish-status"), /Published, id /);
      assert.equal(await page.textContent("#badge"), "1");

      await page.fill("#topic", "news");
      await page.click("#follow button[type=submit]");
      await page.waitForSelector("#topics li >> text=news");
      await page.waitForSelector('#connection[data-state="open"]');
      await page.selectOption("#target-kind", "topics");
      await page.fill("#target", "news");
      await page.fill("#data", "Herald 1.0 is out");
      await page.click("#publish button[type=submit]");
      await page.waitForSelector("#notifications li >> text=Herald 1.0 is out");
      assert.equal(await page.textContent("#badge"), "2");
      await page.screenshot({ path: resolve(screenshots, "demo-page.png") });

      // unfollow: news no longer arrives, own notifications still do
      await page.click("#topics li button");
      await page.waitForSelector("#topics li", { state: "detached" });
      await page.waitForSelector('#connection[data-state="open"]');
      await hub.publish({ topics: ["news"], type: "notification", data: { text: "not for frank any more" } });
      await hub.publish({ users: ["frank"], type: "notification", data: { text: "still for frank" } });
      await page.waitForSelector("#notifications li >> text=still for frank");
      assert.equal(await page.locator("#notifications li", { hasText: "not for frank" }).count(), 0);
      assert.equal(await page.textContent("#badge"), "3");
      await page.click("#bell");
      assert.equal(await page.isHidden("#badge"), true);
    } finally {
      await context.close();
    }
  });

  test("the hub restarts and the page recovers by itself", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${hub.url}/?user=gina`);
      await page.waitForSelector('#connection[data-state="open"]');
      await hub.publish({ users: ["gina"], type: "notification", data: { text: "before the restart" } });
      await page.waitForSelector("#notifications li >> text=before the restart");

      await hub.stop();
      await page.waitForSelector('#connection[data-state="reconnecting"]');
      await hub.start(); // same port, same store; demo mode makes a new secret, so a new token is needed
      // published before the page is back: it must arrive by resuming from the stored history
      await hub.publish({ users: ["gina"], type: "notification", data: { text: "after the restart" } });
      await page.waitForSelector("#notifications li >> text=after the restart", { timeout: 60_000 });
      await page.waitForSelector('#connection[data-state="open"]');
      assert.equal(await page.locator("#notifications li", { hasText: "before the restart" }).count(), 1);
      assert.equal(await page.locator("#notifications li.reset").count(), 0, "resumed, no reset");
      await page.screenshot({ path: resolve(screenshots, "demo-page-after-restart.png") });
    } finally {
      await context.close();
    }
  });
});
