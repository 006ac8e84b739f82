/**
 * Control characters a typed message never holds: C0 except tab and newline, DEL, C1. They hide text from
 * the person reading a transcript (an operator, the customer) while the model still reads it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/**
 * The customer's message as the server keeps it: NFC, so that text that looks the same is the same (to the
 * model, to the length limit, to a search). Returns the problem instead when the text is not clean Unicode:
 * a lone surrogate (broken UTF-16 that some parsers turn into U+FFFD and others reject) or a control
 * character.
 */
export function normaliseMessageText(text: string): { text: string } | { problem: string } {
  if (!text.isWellFormed()) return { problem: 'has a lone surrogate (invalid UTF-16); send valid Unicode text' };
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].codePointAt(0) ?? 0;
    return {
      problem: `has the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}; only tab and newline are allowed`,
    };
  }
  return { text: text.normalize('NFC') };
}
