/**
 * Guesses whether the bare text ZAKER leaves after an image box is the
 * image's caption or the next paragraph of the story. In
 * ../shared/corpus the captions end with a photographer credit ("新华社记者
 * 牟宇 摄"), name a picture source ("图片来源：…", "图源", "供图") or number
 * the figure ("图 1：…"); the paragraphs ("此外，为了恢复邮件处理，…", the
 * seed's "新华社北京 10 月 19 日电" dateline) do none of these.
 */
export function isCaptionText(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return false;
  return (
    /摄[）)\]】。.]*$/.test(t) ||
    /图片?来源|图源|供图|资料图|截图|配图|来源[:：]/.test(t) ||
    /^[（(【\[]?(?:图|圖)\s*\d*\s*[:：.、）)】\]]/.test(t) ||
    isMarkedCaptionText(t) ||
    /\b(?:photo|image|picture|credit|source)s?\s*(?:by)?\s*[:：]/i.test(t)
  );
}

/**
 * True when a line opens the way captions do and prose does not: a pointer
 * to the picture above (`▲`, and `△` as 快科技 writes it: "△用GAN生成的斑马")
 * or a figure number ("图 1：…", "（图：…"). Strict enough to decide on
 * a plain paragraph under an image, which has no styling to go by.
 */
export function isMarkedCaptionText(text: string): boolean {
  const t = text.trimStart();
  return /^[▲△↑]/.test(t) || /^[（(【\[]?(?:图|圖)\s*\d*\s*[:：.、]/.test(t);
}
