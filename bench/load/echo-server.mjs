// The baseline server of the load suite (bench/load.bench.ts; started by echo-baseline.ts), run as its
// own OS process like `orderline serve`: bare Fastify 5, no plugins, answering every POST or PATCH on
// any path with the JSON body it received (200). It listens on 127.0.0.1 on the port in PORT (0: any
// free port) and writes `listening <port>` on stdout once it accepts connections.
import Fastify from 'fastify';

const server = Fastify({ logger: false });
server.route({ method: ['POST', 'PATCH'], url: '/*', handler: async (request) => request.body });
await server.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = server.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
