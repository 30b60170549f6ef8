/**
 * The Web API library (`dynamics-web-api`) reads and writes JSON with the built-in `JSON.parse` and
 * `JSON.stringify` over `XMLHttpRequest`, and offers no hook for either. This transport sits under it:
 * it rewrites JSON bodies both ways with `exact-json.ts` so money and decimals never pass through a
 * binary float. Only JSON bodies are touched; files, batches and the rest pass through unchanged.
 */
import { exactRequestText, exactResponseText } from './exact-json';

let installed = false;

function isJson(contentType: string | null): boolean {
  return contentType?.toLowerCase().startsWith('application/json') ?? false;
}

export function installExactJsonTransport(): void {
  if (installed || typeof XMLHttpRequest === 'undefined') return;
  installed = true;
  const Plain = XMLHttpRequest;
  class ExactJsonRequest extends Plain {
    #requestJson = false;
    #exactText: string | undefined;

    override setRequestHeader(name: string, value: string): void {
      if (name.toLowerCase() === 'content-type' && isJson(value)) this.#requestJson = true;
      super.setRequestHeader(name, value);
    }

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      super.send(this.#requestJson && typeof body === 'string' ? exactRequestText(body) : body);
    }

    override get responseText(): string {
      const text = super.responseText;
      if (this.readyState !== Plain.DONE || !text || !isJson(this.getResponseHeader('Content-Type'))) return text;
      this.#exactText ??= exactResponseText(text);
      return this.#exactText;
    }
  }
  window.XMLHttpRequest = ExactJsonRequest;
}
