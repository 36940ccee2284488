/** Counts `x!` (non-null assertions) per source file with the TypeScript parser. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export function nonNullAssertions(root: string, file: string): number {
  const source = ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  let count = 0;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.NonNullExpression) count += 1;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}
