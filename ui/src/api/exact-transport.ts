/**
 * The Web API library (`dynamics-web-api`) reads and writes JSON with the built-in `JSON.parse` and
 * `JSON.stringify` over `XMLHttpRequest`, and offers no hook for either. This transport sits under it:
 * it rewrites bodies with `exact-json.ts` so money and decimals never pass through a binary float:
 * every text request body (JSON or a `$batch`) has its decimals written as number tokens, and every
 * JSON response is read losslessly. A `$batch` response (multipart) is left as it is: the UI reads only
 * ids and errors from those.
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
    #exactText: string | undefined;

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      super.send(typeof body === 'string' ? exactRequestText(body) : body);
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
