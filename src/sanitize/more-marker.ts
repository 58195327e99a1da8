// Hexo's excerpt marker (hexo lib/plugins/filter/after_post_render/excerpt.ts): `<!-- more -->`,
// spaces optional, any case, extra dashes allowed.
const MORE = /<!--+\s*more\s*--+>/i;

/**
 * The HTML before a body's first `<!-- more -->`, Hexo's excerpt marker, or
 * `undefined` when it has none. Like Hexo, it looks at the HTML as a string
 * (after Markdown is rendered, so a marker shown in a code block is no
 * marker): one regex search, so bodies without one cost nothing more.
 *
 * @param html the body's HTML, before sanitizing (which drops comments).
 */
export function htmlBeforeMore(html: string): string | undefined {
  const match = MORE.exec(html);
  return match === null ? undefined : html.slice(0, match.index);
}
