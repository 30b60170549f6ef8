/**
 * The part of the browser's `XMLHttpRequest` that Xrm-style clients use (asynchronous `open`,
 * `setRequestHeader`, `send`, `onload`/`onerror`, `status`, `responseText`, `getResponseHeader`), over
 * Node's `fetch`, so such a client runs unchanged against a server on loopback. Every request it sent is
 * kept in `sent`, so a test can show what the client asked.
 */

export interface SentRequest {
  readonly method: string;
  readonly url: string;
}

export class FetchXmlHttpRequest {
  static readonly sent: SentRequest[] = [];

  readyState = 0;
  status = 0;
  statusText = '';
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders: Headers | undefined;

  get response(): string {
    return this.responseText;
  }

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

  send(body?: string): void {
    FetchXmlHttpRequest.sent.push({ method: this.method, url: this.url });
    fetch(this.url, { method: this.method, headers: this.headers, ...(body === undefined ? {} : { body }) }).then(
      async (response) => {
        this.status = response.status;
        this.statusText = response.statusText;
        this.responseHeaders = response.headers;
        this.responseText = await response.text();
        this.readyState = 4;
        this.onload?.();
      },
      () => {
        this.readyState = 4;
        this.onerror?.();
      },
    );
  }
}
