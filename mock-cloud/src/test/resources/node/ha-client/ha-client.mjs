// The official Home Assistant JS client (home-assistant-js-websocket, pinned in package.json)
// against the cloudbus mock, run by HomeAssistantJsClientIT. One JSON line per step on stdout;
// the Java test drives the mock (admin pushes, restart) when it reads a step it waits for, and
// answers on stdin with one line per request. Any rejection nobody handled ends the process
// with exit code 3, any failed step with exit code 2.
//
// usage: node ha-client.mjs <hassUrl> <token> <adminUrl> [caFile]
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import WebSocket from "ws";
import {
  callService,
  createConnection,
  createLongLivedTokenAuth,
  getConfig,
  getServices,
  getStates,
  getUser,
  subscribeConfig,
  subscribeEntities,
  subscribeServices,
} from "home-assistant-js-websocket";

const [hassUrl, token, adminUrl, caFile] = process.argv.slice(2);
const report = (step, fields = {}) =>
  process.stdout.write(JSON.stringify({ step, ...fields }) + "\n");

process.on("unhandledRejection", (reason) => {
  report("unhandledRejection", { reason: JSON.stringify(reason) ?? String(reason) });
  process.exit(3);
});

// The library wants a global, browser-style WebSocket; ws's class is one (with a CA when given).
const ca = caFile ? readFileSync(caFile) : undefined;
globalThis.WebSocket = class extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols, ca ? { ca } : {});
  }
};

const lines = createInterface({ input: process.stdin });
const waiting = [];
lines.on("line", (line) => waiting.shift()?.(line));
/** Reports a step and waits for the Java side's go-ahead line. */
const handshake = (step, fields) =>
  new Promise((resolve) => {
    waiting.push(resolve);
    report(step, fields);
  });

const until = (check, what, ms = 60000) =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error("timed out waiting for " + what));
      setTimeout(poll, 20);
    };
    poll();
  });

async function main() {
  const auth = createLongLivedTokenAuth(hassUrl, token);
  const conn = await createConnection({ auth });
  report("connected", { haVersion: conn.haVersion });

  const user = await getUser(conn);
  report("user", { id: user.id, name: user.name, isAdmin: user.is_admin });
  const config = await getConfig(conn);
  report("config", { version: config.version, components: config.components.length });
  const services = await getServices(conn);
  report("services", { domains: Object.keys(services).sort() });
  const states = await getStates(conn);
  report("states", { count: states.length });

  let configs = 0;
  let serviceSnapshots = 0;
  subscribeConfig(conn, () => configs++);
  subscribeServices(conn, () => serviceSnapshots++);

  let entities;
  subscribeEntities(conn, (e) => (entities = e));
  await until(() => entities && entities["light.kitchen"], "the first entities snapshot");
  report("entities", {
    count: Object.keys(entities).length,
    kitchen: entities["light.kitchen"].state,
    kitchenContext: entities["light.kitchen"].context.id,
  });

  const events = [];
  const unsubEvents = await conn.subscribeEvents((ev) => events.push(ev), "state_changed");
  report("subscribedEvents");

  // The Java side pushes light.kitchen -> on through the admin API.
  await handshake("awaitPush");
  await until(() => entities["light.kitchen"]?.state === "on", "the pushed change");
  await until(() => events.length > 0, "the pushed state_changed event");
  report("pushSeen", {
    kitchen: entities["light.kitchen"].state,
    brightness: entities["light.kitchen"].attributes.brightness ?? null,
    eventContext: events[0].context.id,
    entityContext: entities["light.kitchen"].context.id,
    timeFired: events[0].time_fired,
  });

  const result = await callService(conn, "switch", "turn_on", undefined, {
    entity_id: "switch.coffee",
  });
  await until(() => entities["switch.coffee"]?.state === "on", "the service call's change");
  report("serviceCalled", {
    context: result.context.id,
    coffee: entities["switch.coffee"].state,
    coffeeContext: entities["switch.coffee"].context.id,
    userId: entities["switch.coffee"].context.user_id ?? null,
  });

  // An error result must reject the call's promise (and be handled here).
  try {
    await callService(conn, "light", "no_such_service", {}, { entity_id: "light.kitchen" });
    report("failed", { why: "an unknown service succeeded" });
    process.exit(2);
  } catch (err) {
    report("serviceRejected", { code: err.code });
  }
  await conn.ping();
  report("pong");

  await unsubEvents();
  report("unsubscribed");

  // The Java side restarts the mock on the same port; the library reconnects and resubscribes.
  let ready = 0;
  conn.addEventListener("ready", () => ready++);
  await handshake("awaitRestart");
  await until(() => ready > 0, "the reconnect", 90000);
  await until(() => entities["light.kitchen"]?.state === "off", "entities after the restart");
  const after = await getStates(conn);
  report("reconnected", {
    count: after.length,
    kitchen: entities["light.kitchen"].state,
    configs,
    serviceSnapshots,
  });
  conn.close();
  report("done");
  process.exit(0);
}

main().catch((err) => {
  report("failed", { why: String(err?.message ?? JSON.stringify(err)) });
  process.exit(2);
});
