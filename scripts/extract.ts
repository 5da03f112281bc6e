import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from './node-dom';

/** npm run extract -- FILE.html [FILE.html ...] [--url URL]: one JSON object per line. */
const args = process.argv.slice(2);
const files: string[] = [];
let url = '';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--url') url = args[++i] ?? '';
  else if (args[i]) files.push(args[i] as string);
}
if (files.length === 0) {
  console.error('usage: npm run extract -- FILE.html [FILE.html ...] [--url URL]');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  let output: ReturnType<typeof readFile>;
  try {
    output = readFile(file, url || `http://localhost${pathToFileURL(resolve(file)).pathname}`);
  } catch (error) {
    failed++;
    console.error(
      `extract: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    continue;
  }
  const r = output.result;
  const base = { file, kind: r.kind === 'error' ? 'not-article' : r.kind };
  if (r.kind === 'article') {
    const a = r.article;
    console.log(
      JSON.stringify({
        ...base,
        title: a.title,
        byline: a.byline,
        siteName: a.siteName,
        lang: a.lang,
        publishedTime: a.publishedTime,
        text: a.text,
        images: a.images.map((i) => i.src),
      }),
    );
  } else if (r.kind === 'list') {
    console.log(
      JSON.stringify({
        ...base,
        title: r.title,
        byline: '',
        siteName: '',
        lang: r.lang,
        text: '',
        images: [],
        items: r.items,
        ...(r.more ? { more: r.more } : {}),
      }),
    );
  } else {
    console.log(
      JSON.stringify({
        ...base,
        title: '',
        byline: '',
        siteName: '',
        lang: r.lang,
        text: '',
        images: [],
        reason: r.reason,
      }),
    );
  }
}
// Not process.exit(): it can cut off output still queued for a pipe (`extract … | jq`).
process.exitCode = failed ? 1 : 0;
