/**
 * The widget's stylesheet, inside its Shadow DOM. `:host` (important, which beats the page's rules on the host) and `.root { all: initial }`
 * cut off the shop's styles; theming goes through the `--shopchat-*` custom properties, which a shop sets on `shopchat-widget`.
 * Colours meet WCAG AA contrast (accent #0b57a4 on white ≈ 7:1).
 */
export const WIDGET_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;
inset:auto var(--shopchat-offset,20px) var(--shopchat-offset,20px) auto!important}
.root{all:initial;display:block;
--a:var(--shopchat-accent,#0b57a4);--at:var(--shopchat-accent-text,#fff);--bg:var(--shopchat-background,#fff);
--fg:var(--shopchat-text,#1b1b1f);--mu:var(--shopchat-muted,#4a4f57);--bd:var(--shopchat-border,#c9ced6);
--sf:var(--shopchat-surface,#f2f4f7);--er:var(--shopchat-error,#a4161a);--r:var(--shopchat-radius,12px);
font:15px/1.45 var(--shopchat-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--fg)}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,textarea{font:inherit;color:inherit}
button{cursor:pointer;border-radius:8px;border:1px solid var(--a);background:var(--bg);color:var(--a);padding:6px 12px;min-height:36px}
button.primary{background:var(--a);color:var(--at)}
button:focus-visible,a:focus-visible,textarea:focus-visible{outline:3px solid var(--a);outline-offset:2px}
a{color:var(--a)}
.launcher{width:56px;height:56px;border-radius:50%;background:var(--a);color:var(--at);border:0;box-shadow:0 4px 14px #0004;font-size:24px}
.panel{position:absolute;right:0;bottom:0;width:min(400px,calc(100vw - 40px));height:min(620px,calc(100vh - 40px));
display:flex;flex-direction:column;background:var(--bg);border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 8px 30px #0005;overflow:hidden;
animation:in .18s ease-out}
@keyframes in{from{opacity:0;transform:translateY(12px)}}
header{display:flex;align-items:center;gap:8px;padding:12px 14px;background:var(--a);color:var(--at)}
header h2{margin:0;font-size:16px;flex:1}
header p{margin:0;font-size:13px}
header button{background:transparent;color:var(--at);border-color:var(--at)}
.status{padding:6px 14px;background:#fff4ce;color:#3d2c00;font-size:14px}
.status.error{background:#fde7e9;color:var(--er)}
.log{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:10px}
.msg{max-width:92%;padding:8px 12px;border-radius:var(--r);overflow-wrap:anywhere}
.msg.user{align-self:flex-end;background:var(--a);color:var(--at)}
.msg.user a{color:var(--at)}
.msg.assistant{align-self:flex-start;background:var(--sf)}
.msg.person{background:var(--bg);border:1px solid var(--a);border-left-width:4px}
.msg .author{margin:0 0 2px;font-size:13px;font-weight:600;color:var(--a)}
.handoff{align-self:center;max-width:92%;margin:0;text-align:center;font-size:13px;color:var(--mu)}
.typing{margin:0;padding:0 14px 6px;font-size:13px;font-style:italic;color:var(--mu)}
.msg p{margin:0 0 6px}.msg p:last-child{margin-bottom:0}
.msg pre{white-space:pre-wrap;background:#fff;padding:6px;border-radius:6px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.tool{font-size:13px;color:var(--mu);margin:4px 0}
.tool-icon{width:16px;height:16px;vertical-align:-3px;margin-right:6px}
.failed{color:var(--er);font-size:14px}
.cards{list-style:none;margin:6px 0;padding:0;display:grid;gap:8px}
.card{display:flex;gap:10px;background:var(--bg);border:1px solid var(--bd);border-radius:10px;padding:8px}
.card img{width:72px;height:72px;object-fit:cover;border-radius:8px;flex:none;background:var(--sf)}
.card p{margin:0}.card-title{font-weight:600}.price{font-weight:600}
.rating,.stock,.snippet{font-size:13px;color:var(--mu)}
.stock-in_stock{color:#1b5e20}.stock-out_of_stock{color:var(--er)}
.order,.approval,.articles{background:var(--bg);border:1px solid var(--bd);border-radius:10px;padding:8px 10px;margin:6px 0}
.timeline{margin:6px 0;padding-left:18px;font-size:13px}
.approval{border-color:var(--a);border-width:2px}
.approval h3{margin:0 0 4px;font-size:15px}
.approval .actions{display:flex;gap:8px;margin-top:8px}
form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--bd)}
textarea{flex:1;resize:none;border:1px solid var(--mu);border-radius:8px;padding:8px;min-height:40px;max-height:120px;background:var(--bg)}
.rate{background:var(--bg);border:2px solid var(--a);border-radius:10px;padding:8px 10px;margin:6px 0}
.rate form{display:grid;gap:8px;padding:0;border:0}.rate fieldset{border:0;margin:0;padding:0}
.rate legend{font-weight:600;padding:0}.stars{display:flex;flex-wrap:wrap;gap:4px 10px;font-size:13px}
.rate .actions{display:flex;gap:8px}
.note{font-size:12px;color:var(--mu);padding:0 14px 6px}
@media (max-width:480px){:host{inset:auto 12px 12px auto!important}.panel{position:fixed;inset:0;width:100vw;height:100vh;height:100dvh;border-radius:0;border:0}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
`;
