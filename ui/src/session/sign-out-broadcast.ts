/**
 * Signing out in one tab signs every tab out: the session they share has ended on the server, and the
 * other tabs are told at once (BroadcastChannel) rather than at their next request's 401.
 */
const CHANNEL = 'orderline.session';

export function announceSignOut(): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('signed-out');
  channel.close();
}

/** Calls `onSignedOut` when another tab signs out; returns the function that stops listening. */
export function onSignOutElsewhere(onSignedOut: () => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event) => {
    if (event.data === 'signed-out') onSignedOut();
  };
  return () => channel.close();
}
