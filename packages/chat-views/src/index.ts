// Views shared by the customer's widget and the staff console. Every export here is API both apps depend on.
export { h } from './h.ts';
export { renderMarkdown, safeUrl } from './render-markdown.ts';
export { renderToolResult } from './render-tool-result.ts';
export { safeIconSrc, toolIconsOf } from './tool-icons.ts';
export { TOOL_RESULT_STRINGS } from './tool-result-strings.ts';
export {
  authorOf,
  type MessageAuthor,
  toolNameOf,
  type UIMessage,
  type UIMessageChunk,
  type UIPart,
} from './ui-message.ts';
