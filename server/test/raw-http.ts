/**
 * Requests written byte for byte on a socket: what a browser or an HTTP client library would never send (a `\` or
 * `..` left in the path, an absolute-form target, two Host headers, a header that never ends). Fastify's inject and
 * fetch both normalise such requests before they leave, so attacks are tested with this instead.
 */
import { connect } from 'node:net';

export type RawAnswer = { status: number; headers: Record<string, string>; body: string; raw: string };

/** Sends `head` (request line and headers, without the blank line) and `body`; resolves with the parsed answer. */
export function rawRequest(port: number, head: string, body = '', timeoutMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parse(Buffer.concat(chunks)));
    });
    const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
    // write, not end: a half-closed socket makes Node's server drop a request it has not answered yet.
    socket.write(`${head}\r\n${length}Connection: close\r\n\r\n${body}`);
  });
}

/** Opens a socket, sends `partial` and never finishes; resolves with how long the server took to close it. */
export function trickle(port: number, partial: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(partial));
    socket.on('error', reject);
    socket.on('close', () => resolve(performance.now() - started));
    socket.resume();
  });
}

function parse(bytes: Buffer): RawAnswer {
  const raw = bytes.toString('utf8');
  const split = bytes.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(split + 4);
  const text = (headers['transfer-encoding'] === 'chunked' ? unchunk(body) : body).toString('utf8');
  return { status: Number(statusLine.split(' ')[1]), headers, body: text, raw };
}

function unchunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let rest = bytes;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
    rest = rest.subarray(lineEnd + 2 + size + 2);
  }
}
