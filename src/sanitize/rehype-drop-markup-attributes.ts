import type { Root } from 'hast';
import { allElements } from './hast-helpers.ts';

// Markup-looking text: a tag, an end tag, a comment or CDATA opener/closer.
const MARKUP = /<[a-z!/?]|-->|]]>/i;

/**
 * Runs after the schema. Drops attribute values that look like markup
 * (`title="</noscript><img src=x onerror=…>"`). The serializer leaves `<`
 * unescaped inside quoted attributes, which is correct where our HTML lands
 * (element content), but is the lever of the classic mutation-XSS payloads
 * should the markup ever be re-parsed in another context (inside
 * `<noscript>`, `<style>`, a `<template>` or an XML feed). No news alt text
 * or title needs it (DOMPurify's SAFE_FOR_XML does the same). Also drops
 * a class list the schema emptied (`<code class="prettyprint">` would
 * print as `class=""`).
 */
export function rehypeDropMarkupAttributes() {
  return (tree: Root): void => {
    for (const node of allElements(tree)) {
      for (const [key, value] of Object.entries(node.properties)) {
        const text = Array.isArray(value) ? value.join(' ') : String(value);
        if (MARKUP.test(text) || (Array.isArray(value) && value.length === 0)) delete node.properties[key];
      }
    }
  };
}
