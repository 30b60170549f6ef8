/**
 * The part of the browser's `XMLHttpRequest` that clients written for model-driven forms and web
 * resources use (xrm-webapi-client, dataverse-webapi's default entry point), over Node's `fetch`, so
 * the compatibility tests run such a client unchanged against a server on loopback. It carries exactly
 * what the client asked for and hands back what the server answered: the client still builds every URL,
 * header and body, and parses every answer, itself. Every request sent is kept in `sent`, so a test can
 * show what the client asked.
 */

export interface SentRequest {
  readonly method: string;
  readonly url: string;
}

type Listener = (() => void) | null;

export class FetchXmlHttpRequest {
  static readonly sent: SentRequest[] = [];

  readyState = 0;
  status = 0;
  statusText = '';
  response = '';
  responseText = '';
  onload: Listener = null;
  onerror: Listener = null;
  onreadystatechange: Listener = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: Headers | undefined;

  open(method: string, url: string, async = true): void {
    if (!async) throw new Error('FetchXmlHttpRequest only runs asynchronous requests');
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders?.get(name) ?? null;
  }

  getAllResponseHeaders(): string {
    return [...(this.responseHeaders ?? [])].map(([name, value]) => `${name}: ${value}\r\n`).join('');
  }

  send(body?: string | null): void {
    FetchXmlHttpRequest.sent.push({ method: this.method, url: this.url });
    const init: RequestInit = { method: this.method, headers: this.headers };
    if (body !== undefined && body !== null) init.body = body;
    fetch(new URL(this.url), init).then(
      async (answer) => {
        this.status = answer.status;
        this.statusText = answer.statusText;
        this.responseHeaders = answer.headers;
        this.responseText = await answer.text();
        this.finish(this.onload);
      },
      () => {
        // A network failure is status 0 with no body, as in a browser.
        this.status = 0;
        this.responseText = '';
        this.finish(this.onerror);
      },
    );
  }

  private finish(listener: Listener): void {
    this.response = this.responseText;
    this.readyState = 4;
    this.onreadystatechange?.();
    listener?.();
  }
}

/** Installs the class as the global `XMLHttpRequest` for one suite; returns how to remove it. */
export function installXmlHttpRequest(): () => void {
  const global = globalThis as { XMLHttpRequest?: unknown };
  const previous = global.XMLHttpRequest;
  global.XMLHttpRequest = FetchXmlHttpRequest;
  return () => {
    global.XMLHttpRequest = previous;
  };
}
