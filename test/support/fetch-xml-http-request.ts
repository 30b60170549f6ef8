/**
 * `XMLHttpRequest` for clients written for the browser (model-driven forms and web resources), such as
 * dataverse-webapi's default entry point, run in Node by the compatibility tests. It carries exactly
 * what the client asked for over `fetch` and hands back what the server answered: the client still
 * builds every URL, header and body, and parses every answer, itself.
 */

type Listener = (() => void) | null;

export class FetchXmlHttpRequest {
  readyState = 0;
  status = 0;
  response = '';
  responseText = '';
  onreadystatechange: Listener = null;
  private method = 'GET';
  private url = '';
  private readonly headers: Record<string, string> = {};
  private responseHeaders = '';

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getAllResponseHeaders(): string {
    return this.responseHeaders;
  }

  send(body?: string | null): void {
    const init: RequestInit = { method: this.method, headers: this.headers };
    if (body !== undefined && body !== null) init.body = body;
    fetch(new URL(this.url), init)
      .then(async (answer) => {
        this.status = answer.status;
        this.response = await answer.text();
        this.responseHeaders = [...answer.headers].map(([name, value]) => `${name}: ${value}\r\n`).join('');
      })
      .catch(() => {
        // A network failure is status 0 with no body, as in a browser.
        this.status = 0;
        this.response = '';
      })
      .finally(() => {
        this.responseText = this.response;
        this.readyState = 4;
        this.onreadystatechange?.();
      });
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
