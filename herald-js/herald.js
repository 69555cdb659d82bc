// herald.js: the browser client of the Herald hub. Plain ES module, no dependencies, no build step.
//
//   import { Herald } from "/herald.js";
//   const herald = new Herald({ token, topics: ["news"] });
//   herald.on("notification", (event) => show(event.json()));
//   herald.onReset(() => reloadEverything());
//   herald.onState((state) => indicator.textContent = state);
//
// By default all tabs of one origin that use the same hub, user and topics share ONE server
// connection: browsers allow only six HTTP/1.1 connections per host, so the seventh tab of an app
// with one EventSource per tab would hang. The tabs elect a leader (Web Locks API; a
// BroadcastChannel protocol where Web Locks are missing). The leader holds the EventSource and
// rebroadcasts every event over a BroadcastChannel; every tab knows the id of the last event the
// leader delivered, so when the leader tab closes the next leader resumes from exactly there
// (Last-Event-ID) and no event is missed or delivered twice. `share: false` gives a plain stream.

/** Connection states, in the order a stream usually goes through them. */
export const States = Object.freeze({
  CONNECTING: "connecting",
  OPEN: "open",
  RECONNECTING: "reconnecting",
  CLOSED: "closed",
});

const RESET = "herald.reset";

/** One event as listeners see it. */
export class HeraldEvent {
  constructor(type, id, data) {
    /** The SSE event type ("message" when the publisher gave none). */
    this.type = type;
    /** The event id ("" if the event had none). */
    this.id = id;
    /** The data as the hub sent it: a string. */
    this.data = data;
  }

  /** The data parsed as JSON; the string itself when it is not JSON. */
  json() {
    try {
      return JSON.parse(this.data);
    } catch {
      return this.data;
    }
  }
}

/**
 * A subscription to the hub.
 *
 * Options:
 * - `url`: the subscribe endpoint; default `/api/subscribe` of the page's origin.
 * - `token`: a string, or a function returning a token or a promise of one (called again whenever
 *   the stream must be reopened, so an expired token gets replaced). Sent as the `access_token`
 *   query parameter. Leave it out to rely on the `herald_token` cookie, or for anonymous streams.
 * - `topics`: selectors to subscribe to (a user always gets their personal topic).
 * - `types`: event types to listen to from the start (more are added by `on`).
 * - `share`: `true` (default) shares one connection among the tabs; `false` opens one per page.
 * - `user`: the user the token belongs to; default: read from the token's `sub`. Required with a
 *   token function (or give `shareKey`).
 * - `shareKey`: tabs with equal keys share a connection. Default: url, user and topics, so tabs of
 *   different users or topics never share.
 * - `lastEventId`: resume after this id (e.g. one kept in storage from an earlier visit).
 * - `election`: `"auto"` (default: Web Locks if present), `"locks"` or `"broadcast"`.
 * - `maxRetryDelay`: cap of the backoff in ms when the hub refuses the stream (default 30000).
 * - `withCredentials`: send cookies to a hub on another origin (the `herald_token` cookie).
 */
export class Herald {
  constructor(options = {}) {
    this.url = new URL(options.url ?? "/api/subscribe", globalThis.location?.href).href;
    this.topics = [...(options.topics ?? [])];
    this.share = options.share !== false && typeof BroadcastChannel === "function";
    this.maxRetryDelay = options.maxRetryDelay ?? 30000;
    this.withCredentials = options.withCredentials === true;
    this.lastEventId = options.lastEventId ?? "";
    this.state = States.CONNECTING;
    /** True while this tab holds the connection (always true when not sharing). */
    this.leader = false;
    this._token = options.token;
    this._listeners = new Map(); // type -> Set<fn>
    this._stateListeners = new Set();
    this._resetListeners = new Set();
    this._types = new Set(["message", ...(options.types ?? [])]);
    this._source = null;
    this._retries = 0;
    this._retryTimer = null;
    this._closed = false;
    this._id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    // Ids of the latest events delivered here: at a handover the new leader may resume from an id
    // a moment older than the old leader's last broadcast, and each event is delivered once.
    this._seen = new Set();

    if (!this.share) {
      this._lead();
      return;
    }
    if (options.shareKey === undefined && options.user === undefined && typeof this._token === "function") {
      throw new TypeError("herald: with a token function, give `user` (or `shareKey`) so tabs of different users never share");
    }
    this.key = options.shareKey ?? JSON.stringify([this.url, options.user ?? subjectOf(this._token), [...this.topics].sort()]);
    this._channel = new BroadcastChannel("herald:" + this.key);
    this._channel.onmessage = (message) => this._onChannel(message.data);
    const election = options.election ?? "auto";
    const useLocks = election === "locks" || (election === "auto" && globalThis.navigator?.locks);
    this._elector = useLocks ? new LockElection(this) : new BroadcastElection(this);
    this._post({ kind: "hello", from: this._id, types: [...this._types] });
    this._elector.start();
  }

  /** Calls `listener(event)` for every event of `type`. Returns a function that removes it. */
  on(type, listener) {
    if (!this._listeners.has(type)) {
      this._listeners.set(type, new Set());
    }
    this._listeners.get(type).add(listener);
    this._listenTo(type);
    return () => this._listeners.get(type)?.delete(listener);
  }

  /** Removes a listener added with `on`. */
  off(type, listener) {
    this._listeners.get(type)?.delete(listener);
  }

  /**
   * Calls `listener(event)` when the hub says it cannot resume (`herald.reset`): events were
   * missed, reload your state. Returns a function that removes it.
   */
  onReset(listener) {
    this._resetListeners.add(listener);
    return () => this._resetListeners.delete(listener);
  }

  /** Calls `listener(state)` on every change of `state`. Returns a function that removes it. */
  onState(listener) {
    this._stateListeners.add(listener);
    return () => this._stateListeners.delete(listener);
  }

  /** Stops listening. A leader hands the connection over to another tab. */
  close() {
    if (this._closed) {
      return;
    }
    this._closed = true;
    this._closeSource();
    clearTimeout(this._retryTimer);
    if (this.share) {
      this._elector.stop();
      this._channel.close();
    }
    this._setState(States.CLOSED);
  }

  // ---- leadership: this tab holds the EventSource ----

  _lead() {
    if (this._closed) {
      return;
    }
    this.leader = true;
    // Taking over from a leader that had the stream open is a reconnect, for every tab.
    this._open(this.state === States.CONNECTING ? States.CONNECTING : States.RECONNECTING);
  }

  _resign() {
    this.leader = false;
    this._closeSource();
    clearTimeout(this._retryTimer);
  }

  async _open(state) {
    this._setState(state);
    let token;
    try {
      token = typeof this._token === "function" ? await this._token() : this._token;
    } catch (error) {
      console.warn("herald: could not get a token", error);
      this._retryLater();
      return;
    }
    if (this._closed || !this.leader) {
      return;
    }
    const url = new URL(this.url);
    this.topics.forEach((topic) => url.searchParams.append("topic", topic));
    if (token) {
      url.searchParams.set("access_token", token);
    }
    if (this.lastEventId) {
      // The browser sends Last-Event-ID itself only on its own reconnects; a new EventSource (after
      // a refusal, or in a new leader) resumes with the query parameter.
      url.searchParams.set("lastEventId", this.lastEventId);
    }
    const source = new EventSource(url, { withCredentials: this.withCredentials });
    this._source = source;
    source.onopen = () => {
      this._retries = 0;
      this._setState(States.OPEN);
    };
    source.onerror = () => {
      if (this._source !== source) {
        return;
      }
      if (source.readyState === EventSource.CLOSED) {
        // The hub answered with an error (401 expired token, 503 while it restarts, ...): the browser
        // gives up; we do not.
        this._closeSource();
        this._retryLater();
      } else {
        this._setState(States.RECONNECTING); // the browser retries by itself
      }
    };
    for (const type of this._types) {
      this._attach(source, type);
    }
    this._attach(source, RESET);
  }

  _attach(source, type) {
    source.addEventListener(type, (e) => {
      if (this._source === source) {
        this._received(type, e.lastEventId, e.data);
      }
    });
  }

  _retryLater() {
    this._setState(States.RECONNECTING);
    const delay = Math.min(this.maxRetryDelay, 1000 * 2 ** Math.min(this._retries, 5)) * (0.5 + Math.random() / 2);
    this._retries++;
    clearTimeout(this._retryTimer);
    this._retryTimer = setTimeout(() => {
      if (this.leader && !this._closed) {
        this._open(States.RECONNECTING);
      }
    }, delay);
  }

  _closeSource() {
    if (this._source) {
      this._source.close();
      this._source = null;
    }
  }

  // Called in the leader for every event from the hub: deliver here, then to the other tabs.
  _received(type, id, data) {
    if (id) {
      this.lastEventId = id;
    }
    if (this.share) {
      this._post({ kind: "event", type, id, data });
    }
    this._deliver(type, id, data);
  }

  _deliver(type, id, data) {
    if (id && type !== RESET) {
      if (this._seen.has(id)) {
        return;
      }
      this._seen.add(id);
      if (this._seen.size > 1024) {
        this._seen.delete(this._seen.values().next().value);
      }
    }
    const event = new HeraldEvent(type, id, data);
    const listeners = type === RESET ? this._resetListeners : this._listeners.get(type);
    for (const listener of listeners ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error("herald: a listener failed", error);
      }
    }
  }

  _listenTo(type) {
    if (this._addType(type) && this.share && !this.leader) {
      this._post({ kind: "types", types: [type] }); // the leader must listen to it for us
    }
  }

  // Every tab keeps the types of the whole group: whichever tab leads listens to all of them.
  _addType(type) {
    if (this._types.has(type) || type === RESET) {
      return false;
    }
    this._types.add(type);
    if (this._source) {
      this._attach(this._source, type);
    }
    return true;
  }

  _setState(state) {
    if (this.state === state) {
      return;
    }
    this.state = state;
    if (this.share && this.leader && !this._closed) {
      this._post({ kind: "state", state, lastEventId: this.lastEventId, types: [...this._types] });
    }
    for (const listener of this._stateListeners) {
      try {
        listener(state);
      } catch (error) {
        console.error("herald: a state listener failed", error);
      }
    }
  }

  // ---- the channel between the tabs ----

  _post(message) {
    if (!this._closed || message.kind === "bye") {
      this._channel.postMessage(message);
    }
  }

  _onChannel(message) {
    if (this._closed) {
      return;
    }
    this._elector.message?.(message);
    switch (message.kind) {
      case "event":
        // Also in a leader: the old leader's last broadcasts may arrive after the lock did.
        if (!this.leader && message.id) {
          this.lastEventId = message.id;
        }
        this._deliver(message.type, message.id, message.data);
        break;
      case "state":
        if (!this.leader) {
          // A tab that joined late learns where the stream is, to resume from there if it leads.
          if (message.lastEventId) {
            this.lastEventId = message.lastEventId;
          }
          message.types.forEach((type) => this._addType(type));
          this._setState(message.state);
        }
        break;
      case "hello":
      case "types":
        message.types.forEach((type) => this._addType(type));
        if (this.leader && message.kind === "hello") {
          this._post({ kind: "state", state: this.state, lastEventId: this.lastEventId, types: [...this._types] });
        }
        break;
    }
  }
}

/** Leader election with the Web Locks API: the lock is held until the tab closes or resigns. */
class LockElection {
  constructor(herald) {
    this.herald = herald;
    this.release = null;
    this.abort = new AbortController();
  }

  start() {
    navigator.locks
      .request("herald:" + this.herald.key, { signal: this.abort.signal }, () => {
        if (this.herald._closed) {
          return undefined;
        }
        this.herald._lead();
        // The lock is ours until this promise settles: on close(), or when the tab goes away.
        return new Promise((resolve) => (this.release = resolve));
      })
      .catch(() => {}); // aborted while waiting: closed before leading
  }

  stop() {
    this.abort.abort();
    if (this.release) {
      this.herald._resign();
      this.release();
    }
  }
}

/**
 * Leader election over BroadcastChannel, for browsers without Web Locks. The leader says so every
 * second; a tab that has heard nothing for three seconds (or a "bye" from a closing leader) claims
 * the lead, and of simultaneous claims the smallest id wins.
 */
class BroadcastElection {
  static HEARTBEAT = 1000;
  static TIMEOUT = 3000;
  static SETTLE = 250;

  constructor(herald) {
    this.herald = herald;
    this.lastHeard = Date.now();
    this.claiming = null;
    this.timer = null;
    this.onHide = () => this.stop();
  }

  start() {
    globalThis.addEventListener?.("pagehide", this.onHide);
    this.lastHeard = 0; // nobody heard yet: claim at once (an existing leader answers)
    this.timer = setInterval(() => this.tick(), BroadcastElection.HEARTBEAT / 2);
    this.tick();
  }

  stop() {
    clearInterval(this.timer);
    clearTimeout(this.claiming);
    globalThis.removeEventListener?.("pagehide", this.onHide);
    if (this.herald.leader) {
      this.herald._resign();
      this.herald._channel.postMessage({ kind: "bye", from: this.herald._id });
    }
  }

  tick() {
    const herald = this.herald;
    if (herald.leader) {
      herald._post({ kind: "leader", from: herald._id });
    } else if (!this.claiming && Date.now() - this.lastHeard > BroadcastElection.TIMEOUT) {
      this.claim();
    }
  }

  claim() {
    const herald = this.herald;
    this.lost = false;
    herald._post({ kind: "claim", from: herald._id });
    this.claiming = setTimeout(() => {
      this.claiming = null;
      if (!this.lost && !herald._closed) {
        herald._lead();
        herald._post({ kind: "leader", from: herald._id });
      }
    }, BroadcastElection.SETTLE);
  }

  message(message) {
    const herald = this.herald;
    switch (message.kind) {
      case "leader":
        this.lastHeard = Date.now();
        this.lost = true;
        if (herald.leader && message.from < herald._id) {
          herald._resign(); // two leaders after a partition of timing: the smaller id keeps it
        }
        break;
      case "claim":
        if (herald.leader) {
          herald._post({ kind: "leader", from: herald._id });
        } else if (message.from < herald._id) {
          this.lost = true;
          this.lastHeard = Date.now();
        }
        break;
      case "bye":
        this.lastHeard = 0;
        if (!this.claiming) {
          this.claim();
        }
        break;
    }
  }
}

// The user a token belongs to, read without verifying it (the hub verifies): only to keep tabs of
// different users apart. Tokens of one user differ (fresh exp), so the token itself is no key.
function subjectOf(token) {
  if (typeof token !== "string") {
    return "anonymous";
  }
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).sub ?? "anonymous";
  } catch {
    return token;
  }
}

