// Drives the official Vert.x event bus client (SockJS) against the service and prints one JSON
// line per observation. Usage: node sockjs-client.js <eventbus URL> <command token> [transport]
// (a SockJS transport name such as websocket, xhr-streaming or xhr-polling: the only one allowed)
const EventBus = require('@vertx/eventbus-bridge-client.js');
// No keep-alive: Vert.x's SockJS polling transport closes the HTTP connection after each answer
// (vert-x3/vertx-web#2862), and Node 20's default keep-alive agent can reuse a socket whose close
// it has not read yet; that request then fails and ends the session. A browser retries there.
const http = require('http');
http.globalAgent = new http.Agent({ keepAlive: false });

const url = process.argv[2];
const commandToken = process.argv[3];
const transport = process.argv[4];
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');

const eb = new EventBus(url, transport ? { transports: [transport] } : {});
eb.enableReconnect(false);
eb.onerror = (err) => out({ event: 'error', err });
eb.onclose = () => out({ event: 'close' });
eb.onopen = () => {
  out({ event: 'open', transport: eb.sockJSConn.transport });
  for (const address of ['cloudbus.events', 'cloudbus.events.simplisafe.home', 'cloudbus.status']) {
    eb.registerHandler(address, (err, msg) => out({ event: 'message', address, err, body: msg && msg.body }));
  }
  eb.registerHandler('not.permitted', (err, msg) => out({ event: 'not-permitted', err, body: msg && msg.body }));
  eb.send('cloudbus.command.generic.lab', { action: 'send', as: 'reader' }, {}, (err, reply) =>
    out({ event: 'reply', as: 'reader', err, body: reply && reply.body }));
  eb.send('cloudbus.command.generic.lab', { action: 'send', as: 'commander' }, { token: commandToken },
    (err, reply) => out({ event: 'reply', as: 'commander', err, body: reply && reply.body }));
  out({ event: 'sent' });
};
// exit when the parent goes away
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
