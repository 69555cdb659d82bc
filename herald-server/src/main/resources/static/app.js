// The Herald demo page: plain DOM, no framework, no build step. The stream is herald.js, which
// shares one connection among all tabs of this browser that show the same user and topics.
import { Herald } from "/herald.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const share = params.get("share") !== "0";

let user = null;
let token = null;
let topics = [];
let herald = null;
let unread = 0;
// Types this page shows; a type published from here is added so its events show up too.
const types = new Set(["notification", "message"]);

const stateText = {
  connecting: "connecting…",
  open: "live",
  reconnecting: "reconnecting…",
  closed: "signed out",
};

function showState(state) {
  $("connection").dataset.state = state;
  $("state").textContent = stateText[state] ?? state;
}

function setStatus(element, text, kind) {
  element.textContent = text;
  element.className = "status " + (kind ?? "");
}

function setBadge(count) {
  unread = count;
  $("badge").textContent = String(count);
  $("badge").hidden = count === 0;
}

async function demoToken(name) {
  const response = await fetch("/demo/token?user=" + encodeURIComponent(name));
  if (response.status === 404) {
    throw new Error("demo mode is off: this hub has its own secret");
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail ?? response.statusText);
  }
  return body.token;
}

// (Re)opens the stream for the current user and topics. Changing topics resumes after the last
// event seen, so nothing published meanwhile to the user is lost.
function subscribe() {
  const lastEventId = herald?.lastEventId ?? "";
  herald?.close();
  // A function, not the token itself: demo tokens die with the hub's run (a restarted demo hub has
  // a new secret), and herald.js asks again whenever it must reopen the stream.
  const freshToken = async () => (token = await demoToken(user));
  herald = new Herald({ token: freshToken, user, topics, share, lastEventId, types: [...types], maxRetryDelay: 5000 });
  herald.onState(showState);
  for (const type of types) {
    herald.on(type, show);
  }
  herald.onReset((event) => show(event, true));
  showState(herald.state);
  window.herald = herald; // for the curious (and the browser tests)
}

function show(event, reset = false) {
  const item = document.createElement("li");
  item.className = reset ? "reset" : "";
  item.dataset.id = event.id;
  item.dataset.type = event.type;
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = `${new Date().toLocaleTimeString()} · ${event.type} · id ${event.id || "–"}`;
  const body = document.createElement("div");
  body.className = "body";
  const data = reset ? "The hub could not resume: showing what arrives from now on." : event.json();
  body.textContent = typeof data === "string" ? data : data?.text ?? JSON.stringify(data);
  item.append(meta, body);
  $("notifications").prepend(item);
  $("empty").hidden = true;
  if (!reset) {
    setBadge(unread + 1);
  }
}

async function signIn(name) {
  try {
    token = await demoToken(name);
  } catch (error) {
    setStatus($("sign-in-status"), error.message, "error");
    return;
  }
  user = name;
  herald?.close();
  herald = null;
  subscribe();
  $("whoami").textContent = user;
  $("whoami").hidden = false;
  $("sign-out").disabled = false;
  $("target").value = user;
  setStatus($("sign-in-status"), `Signed in as ${user}${share ? "" : " (own connection)"}.`, "ok");
}

function signOut() {
  herald?.close();
  herald = null;
  user = token = null;
  showState("closed");
  $("whoami").hidden = true;
  $("sign-out").disabled = true;
  setStatus($("sign-in-status"), "Signed out.");
}

function renderTopics() {
  $("topics").replaceChildren(
    ...topics.map((topic) => {
      const item = document.createElement("li");
      const name = document.createElement("code");
      name.textContent = topic;
      const unfollow = document.createElement("button");
      unfollow.type = "button";
      unfollow.className = "small";
      unfollow.textContent = "unfollow";
      unfollow.addEventListener("click", () => setTopics(topics.filter((t) => t !== topic)));
      item.append(name, unfollow);
      return item;
    }),
  );
}

function setTopics(next) {
  topics = next;
  renderTopics();
  if (herald) {
    subscribe();
  }
}

$("sign-in").addEventListener("submit", (e) => {
  e.preventDefault();
  signIn($("user").value.trim());
});
$("sign-out").addEventListener("click", signOut);

$("follow").addEventListener("submit", (e) => {
  e.preventDefault();
  const topic = $("topic").value.trim();
  if (topic && !topics.includes(topic)) {
    setTopics([...topics, topic]);
  }
  $("topic").value = "";
});

$("bell").addEventListener("click", () => setBadge(0));
$("clear").addEventListener("click", () => {
  $("notifications").replaceChildren();
  $("empty").hidden = false;
  setBadge(0);
});

$("publish").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!token) {
    setStatus($("publish-status"), "Sign in first: publishing uses your demo token.", "error");
    return;
  }
  const type = $("type").value.trim() || "message";
  const text = $("data").value;
  let data;
  try {
    data = JSON.parse(text); // JSON is sent as JSON
  } catch {
    data = { text }; // anything else as a text notification
  }
  const body = { [$("target-kind").value]: [$("target").value.trim()], type, data };
  if ($("private").checked) {
    body.private = true;
  }
  if (!types.has(type)) {
    types.add(type);
    herald?.on(type, show);
  }
  const response = await fetch("/api/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.ok) {
    setStatus($("publish-status"), `Published, id ${answer.id}.`, "ok");
  } else {
    setStatus($("publish-status"), `${response.status}: ${answer.detail}`, "error");
  }
});

// /?user=alice&topics=news,books/42 signs in at once (&share=0: a connection of its own).
if (params.get("topics")) {
  topics = params.get("topics").split(",").map((t) => t.trim()).filter(Boolean);
  renderTopics();
}
if (params.get("user")) {
  $("user").value = params.get("user");
  signIn(params.get("user"));
}
