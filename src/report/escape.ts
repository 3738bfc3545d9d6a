const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and for quoted attribute values alike. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);

const SCRIPT_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON that is safe inside an inline <script>: `</script>`, `<!--` and the JS line separators can
 * never appear literally, so no string from data or settings can end the script or open a comment.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_UNSAFE[c]!);

/** A library's source for an inline <script>: refuses anything that could close the element early. */
export function scriptSource(name: string, source: string): string {
  if (/<\/script|<!--/i.test(source)) throw new Error(`${name} contains "</script" or "<!--" and cannot be inlined`);
  return source;
}
