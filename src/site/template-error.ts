import path from 'node:path';
import { BuildError } from '../report/build-error.ts';
import { causeChain } from '../report/cause-chain.ts';

/**
 * Turns an error thrown while Eleventy rendered into a {@link BuildError}
 * naming the template to fix. Eleventy wraps the Nunjucks error in layers
 * (`TemplateContentRenderError` → `originalError`), and Nunjucks names each
 * template it was in, outermost first:
 * `(./templates/listing.njk)\n Template render error: (/…/_includes/base.njk) [Line 3, Column 5]\n  unknown block tag: endfi`.
 * The last template named is the one at fault.
 *
 * @param templatesDir absolute path of the templates folder.
 * @param sourceOf the file to name for one of that folder (a merged template's own file, see templateSource)
 */
export function toTemplateBuildError(error: unknown, templatesDir: string, sourceOf: (file: string) => string = (file) => file): BuildError {
  const messages = causeChain(error).map((e) => (e instanceof Error ? e.message : String(e)));
  const innermost = messages[messages.length - 1] ?? 'unknown error';
  const found = findTemplateFile(messages, templatesDir);
  const file = found && sourceOf(found);
  const position = [...innermost.matchAll(/\[Line (\d+), Column (\d+)\]/g)].at(-1);
  const where = file ? ` in ${file}${position ? ` (line ${position[1]}, column ${position[2]})` : ''}` : '';
  const reason = innermost.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? 'unknown error';
  return new BuildError(`a template failed to render${where}: ${reason}`, {
    ...(file ? { file } : {}),
    hint: 'Fix the template (templates/*.njk, layouts in templates/_includes/); the previous site was left untouched.',
    cause: error,
  });
}

function findTemplateFile(messages: readonly string[], templatesDir: string): string | undefined {
  const named = messages.flatMap((message) => [...message.matchAll(/[^\s()'"`[\]]+\.njk\b/g)].map((m) => m[0]));
  for (const found of named.reverse()) {
    // Eleventy names files relative to the working directory; Nunjucks, absolute.
    const absolute = path.resolve(found);
    if (absolute.startsWith(templatesDir + path.sep)) return absolute;
    // An include named bare (`base.njk`) lives in _includes/.
    if (!found.includes('/')) return path.join(templatesDir, '_includes', found);
  }
  return undefined;
}
