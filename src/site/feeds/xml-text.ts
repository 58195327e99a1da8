/**
 * Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0
 * controls other than tab, LF and CR, U+FFFE/U+FFFF, and lone surrogates
 * (a string from a scraped page may hold half a pair after a bad cut).
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes every character XML 1.0 forbids; a feed reader rejects a whole feed for one of them. */
export function stripXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/**
 * Text as XML character data or a double-quoted attribute value: forbidden
 * characters dropped, `& < > "` escaped. `'` is left alone (attributes are
 * always double-quoted here).
 */
export function escapeXml(text: string): string {
  return stripXmlForbidden(text).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * Serializes a value as JSON safe to embed in HTML `<script>` and in any
 * XML-ish context: `<`, `>`, `&`, U+2028 and U+2029 become `\u003c` etc.,
 * so a title holding `</script>` cannot close the element, and forbidden
 * characters are dropped from strings.
 */
export function toSafeJson(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? stripXmlForbidden(v) : v), indent);
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
