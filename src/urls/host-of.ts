/** The host of a URL (`img.zaker.cn`, with its port if any), or the text itself when it is no URL: what lists group images by. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
