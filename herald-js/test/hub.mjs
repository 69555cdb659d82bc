// Starts the real hub (herald-server.jar) as a process for the browser tests, and stops it.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const jar = join(root, "herald-server/target/herald-server.jar");

function java() {
  const home = execFileSync(join(root, "bin/java-home"), { encoding: "utf8" }).trim();
  return join(home, "bin/java");
}

export async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** A hub on a free port with its own store directory; restart() keeps port and store. */
export class Hub {
  constructor() {
    if (!existsSync(jar)) {
      throw new Error(`${jar} is missing: build it first (mvn -pl herald-server -am package)`);
    }
    this.store = mkdtempSync(join(tmpdir(), "herald-browser-"));
    this.log = "";
  }

  async start() {
    this.port ??= await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    this.process = spawn(java(), ["-jar", jar, `--server.port=${this.port}`, `--herald.store.path=${this.store}`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise((done) => this.process.once("exit", done));
    this.exited = exited;
    this.process.stdout.on("data", (chunk) => (this.log += chunk));
    this.process.stderr.on("data", (chunk) => (this.log += chunk));
    const deadline = Date.now() + 180_000; // two busy cores: a cold JVM can take a while
    let dead = false;
    exited.then(() => (dead = true));
    while (Date.now() < deadline && !dead) {
      try {
        const response = await fetch(`${this.url}/actuator/health`);
        if (response.ok) {
          this.publisher = await this.token("publisher");
          return this;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the hub did not start:\n${this.log.slice(-4000)}`);
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      this.process.kill("SIGTERM");
      await this.exited;
    }
  }

  async restart() {
    await this.stop();
    return this.start();
  }

  async destroy() {
    await this.stop();
    rmSync(this.store, { recursive: true, force: true });
  }

  /** A demo token for a user (demo tokens may publish anywhere). */
  async token(user) {
    const response = await fetch(`${this.url}/demo/token?user=${encodeURIComponent(user)}`);
    return (await response.json()).token;
  }

  /** POST /api/events as the publisher; returns the event id. */
  async publish(body) {
    const response = await fetch(`${this.url}/api/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.publisher}` },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.status !== 201) {
      throw new Error(`publish answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    return answer.id;
  }

  /** Live streams on the hub for one user (GET /demo/connections). */
  async connectionsOf(user) {
    const response = await fetch(`${this.url}/demo/connections`);
    return (await response.json()).users[user] ?? 0;
  }
}
