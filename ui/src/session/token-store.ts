/**
 * The access token lives in sessionStorage: it survives a reload of the tab and is gone when the tab
 * closes, and no other site can read it.
 */
const KEY = 'orderline.accessToken';

export function storedToken(): string | undefined {
  return window.sessionStorage.getItem(KEY) ?? undefined;
}

export function storeToken(token: string): void {
  window.sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  window.sessionStorage.removeItem(KEY);
}
