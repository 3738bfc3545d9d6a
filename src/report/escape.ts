const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and for quoted attribute values alike. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);

/** A library's source for an inline <script>: refuses anything that could close the element early. */
export function scriptSource(name: string, source: string): string {
  if (/<\/script|<!--/i.test(source)) throw new Error(`${name} contains "</script" or "<!--" and cannot be inlined`);
  return source;
}
