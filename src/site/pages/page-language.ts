// A BCP 47 tag's shape (RFC 5646 §2.1, loosely): a 2–8 letter language, then subtags of 1–8 letters or digits.
const LANGUAGE_TAG = /^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$/i;

/**
 * A page's `lang:` as a BCP 47 tag for `<html lang>`, in its canonical
 * case (`zh-cn` → `zh-CN`; `zh_CN`, as Hexo themes name languages, is
 * read as `zh-CN`); `undefined` when it is not one (`"><script>`,
 * `default`), so the site's language applies.
 */
export function pageLanguage(lang: string | undefined): string | undefined {
  const tag = lang?.trim().replace(/_/g, '-');
  // `default` is Hexo's word for "the theme's language", not a language.
  if (!tag || !LANGUAGE_TAG.test(tag) || tag.toLowerCase() === 'default') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
