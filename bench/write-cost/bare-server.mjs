// The baseline of the write-cost suite (bench/write-cost.bench.ts), run as its own OS process: a bare
// node:http server that reads each request's JSON body, parses it and answers it back as JSON with 201,
// the least any server answering the same POST or PATCH must do. It sends `{ port }` once it listens.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const body = JSON.stringify(text === '' ? {} : JSON.parse(text));
    response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => server.close(() => process.exit(0)));
