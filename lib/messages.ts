/**
 * The one message protocol between background, content script and extension pages.
 * Every message received is checked with isMessage before it is acted on; anything else
 * is ignored.
 */
export type Message =
  /** background → content: enter or leave care mode in this tab. */
  | { type: 'care:toggle' }
  /** background → content: leave care mode if it is on. */
  | { type: 'care:exit' }
  /** background → content: is care mode on? */
  | { type: 'care:query' }
  /** content → background: care mode is now on or off in the sender's tab. */
  | { type: 'care:state'; on: boolean }
  /** content → background: open the options page. */
  | { type: 'care:open-options' };

export type MessageType = Message['type'];

export function isMessage(value: unknown): value is Message {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const m = value as Record<string, unknown>;
  const keys = Object.keys(m);
  switch (m.type) {
    case 'care:toggle':
    case 'care:exit':
    case 'care:query':
    case 'care:open-options':
      return keys.length === 1;
    case 'care:state':
      return keys.length === 2 && typeof m.on === 'boolean';
    default:
      return false;
  }
}

/** A sender is trusted only when it is this extension itself. */
export function isOwnSender(sender: { id?: string } | undefined, extensionId: string): boolean {
  return Boolean(sender && sender.id === extensionId);
}
