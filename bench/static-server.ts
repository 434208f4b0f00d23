/** A minimal static file server on loopback, for the benchmark anchor page. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { Running } from './processes.ts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export function serveStatic(root: string, port: number): Promise<Running> {
  const base = path.resolve(root);
  const server = createServer((req, res) => {
    const wanted = path.join(base, path.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file =
      wanted.startsWith(base) && existsSync(wanted) && statSync(wanted).isFile()
        ? wanted
        : path.join(base, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}`, stop: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}
