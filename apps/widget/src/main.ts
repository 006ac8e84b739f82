import { ShopChatWidget, type TokenProvider } from './shopchat-widget.ts';

/**
 * The embed: `<script src="https://host/widget.js" async data-customer-token="…"></script>`.
 * Options (data attributes of the script tag):
 * - `data-api`: the chat API's base URL (default: where widget.js came from);
 * - `data-customer-token`: the signed-in customer's token (omit for anonymous visitors);
 * - `data-token-provider`: name of a global function returning the token (or a Promise of it), for
 *   tokens that expire and must be fetched fresh;
 * - `data-rating-after-ms`: quiet period after an answer before the rating is asked for (default 2 minutes;
 *   0: only when the chat is closed).
 * `window.ShopChat` offers `open()`, `close()` and `setCustomerToken(token | null)`.
 */
declare global {
  interface Window {
    ShopChat?: { open(): void; close(): void; setCustomerToken(token: string | null): void; element: ShopChatWidget };
  }
}

const script = document.currentScript as HTMLScriptElement | null;
if (!customElements.get('shopchat-widget')) customElements.define('shopchat-widget', ShopChatWidget);

const widget = document.createElement('shopchat-widget') as ShopChatWidget;
const data = script?.dataset ?? {};
widget.setAttribute('api', data.api ?? (script?.src ? new URL(script.src).origin : location.origin));
if (data.customerToken) widget.setAttribute('customer-token', data.customerToken);
if (data.ratingAfterMs) widget.setAttribute('rating-after-ms', data.ratingAfterMs);
if (data.tokenProvider) {
  const name = data.tokenProvider;
  widget.tokenProvider = () => (window as unknown as Record<string, TokenProvider | undefined>)[name]?.() ?? null;
}
window.ShopChat = {
  open: () => widget.open(),
  close: () => widget.close(),
  setCustomerToken: (token) => widget.setCustomerToken(token),
  element: widget,
};
const mount = () => document.body.append(widget);
if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount);
