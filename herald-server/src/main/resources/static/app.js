// The Herald demo page: no framework, no build step. EventSource cannot send headers, so the
// token travels as the access_token query parameter.
"use strict";

const $ = (id) => document.getElementById(id);
// EventSource only hands events of a named type to listeners for that type: listen to the usual
// ones, and to any type this page publishes.
const listenedTypes = new Set(["message", "notification", "herald.reset"]);
let source = null;
let token = null;

function setStatus(element, text, kind) {
  element.textContent = text;
  element.className = "status " + (kind || "");
}

async function obtainToken(user) {
  const own = $("token").value.trim();
  if ($("manual").open && own) {
    return own;
  }
  const response = await fetch("/demo/token?user=" + encodeURIComponent(user));
  if (response.status === 404) {
    $("manual").open = true;
    throw new Error("demo tokens are off (the hub has its own secret): paste a token");
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail || response.statusText);
  }
  return body.token;
}

function listen(type) {
  if (source) {
    source.addEventListener(type, (event) => show(event));
  }
}

function connect(user, topics) {
  disconnect();
  const query = new URLSearchParams({ access_token: token });
  topics.forEach((topic) => query.append("topic", topic));
  source = new EventSource("/api/subscribe?" + query);
  setStatus($("status"), "Connecting as " + user + "…");
  listenedTypes.forEach(listen);
  source.onopen = () => setStatus($("status"), "Connected as " + user + ".", "ok");
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      setStatus($("status"), "Refused or closed: is the token still valid?", "error");
      $("disconnect").disabled = true;
    } else {
      setStatus($("status"), "Reconnecting (will resume after the last event)…", "warn");
    }
  };
  $("disconnect").disabled = false;
}

function disconnect() {
  if (source) {
    source.close();
    source = null;
    setStatus($("status"), "Not connected.");
  }
  $("disconnect").disabled = true;
}

function show(event) {
  const item = document.createElement("li");
  if (event.type === "herald.reset") {
    item.className = "reset";
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = new Date().toLocaleTimeString() + " · " + event.type + " · id " + (event.lastEventId || "–");
  const data = document.createElement("pre");
  data.textContent = pretty(event.data);
  item.append(meta, data);
  $("events").prepend(item);
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

$("connect").addEventListener("submit", async (e) => {
  e.preventDefault();
  const user = $("user").value.trim();
  const topics = $("topics").value.split(",").map((t) => t.trim()).filter(Boolean);
  try {
    token = await obtainToken(user);
    connect(user, topics);
  } catch (error) {
    setStatus($("status"), error.message, "error");
  }
});

$("disconnect").addEventListener("click", disconnect);
$("clear").addEventListener("click", () => $("events").replaceChildren());

$("publish").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!token) {
    setStatus($("publish-status"), "Connect first: publishing uses the same token.", "error");
    return;
  }
  const type = $("type").value.trim() || "message";
  const raw = $("data").value;
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    data = raw; // not JSON: sent as plain text
  }
  const body = { [$("target-kind").value]: [$("target").value.trim()], type, data };
  if ($("private").checked) {
    body.private = true;
  }
  if (!listenedTypes.has(type)) {
    listenedTypes.add(type);
    listen(type);
  }
  const response = await fetch("/api/events", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.ok) {
    setStatus($("publish-status"), "Published, id " + answer.id + ".", "ok");
  } else {
    setStatus($("publish-status"), response.status + ": " + answer.detail, "error");
  }
});

// A link such as /?user=alice&topics=news connects at once.
const params = new URLSearchParams(location.search);
if (params.get("user")) {
  $("user").value = params.get("user");
  if (params.get("topics") !== null) {
    $("topics").value = params.get("topics");
  }
  $("connect").requestSubmit();
}
