// Counts the `any` types in the published declarations (dist/backbone-relational.d.ts and .d.mts,
// built by `npm run build`) and prints each with the declaration it is in:
//
//   node scripts/count-any.mjs            the count and the list
//   node scripts/count-any.mjs --count    the count only
//
// Counted with TypeScript's parser (the `any` keyword in a type), so `any` in a comment or a
// name does not count. docs/typescript.md says why each one is there.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FILES = ['dist/backbone-relational.d.ts', 'dist/backbone-relational.d.mts'];

let total = 0;
const lines = [];
for (const file of FILES) {
  const code = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      total++;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      lines.push(`${file}:${line + 1}: ${code.split('\n')[line].trim()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
if (!process.argv.includes('--count')) for (const line of lines) console.log(line);
console.log(`${total} any in the public declarations`);
