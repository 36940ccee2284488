/**
 * The pseudo-locale: every English message with its letters accented and padded to be
 * 30% longer, placeholders and plural/select structure kept. A layout that shows these
 * without clipping has room for Welsh, which runs longer than English.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ó',
  u: 'ú',
  y: 'ý',
  w: 'ŵ',
  c: 'ç',
  n: 'ñ',
  A: 'Á',
  E: 'É',
  I: 'Í',
  O: 'Ó',
  U: 'Ú',
  Y: 'Ý',
  W: 'Ŵ',
  C: 'Ç',
  N: 'Ñ',
};

function accent(text: string): string {
  return text.replace(/[aeiouywcnAEIOUYWCN]/g, (c) => ACCENTED[c] ?? c);
}

/** Letters added so the text is 30% longer (at least one), spread as a trailing run. */
function padding(length: number): string {
  return '~'.repeat(Math.max(1, Math.ceil(length * 0.3)));
}

/** Roughly how long the message reads: literal text, plus a typical value per placeholder. */
function literalLength(elements: MessageFormatElement[]): number {
  return elements.reduce((n, e) => {
    if (e.type === TYPE.literal) return n + e.value.length;
    if (e.type === TYPE.plural || e.type === TYPE.select)
      return n + Math.max(0, ...Object.values(e.options).map((o) => literalLength(o.value)));
    if (e.type === TYPE.tag) return n + literalLength(e.children);
    return n + 8;
  }, 0);
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: accent(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: transform(option.value) },
        ]),
      );
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: transform(element.children) };
    return element;
  });
}

/** One message in the pseudo-locale, `[…]` marking where it starts and ends. */
export function pseudoMessage(message: string): string {
  const ast = parse(message, { ignoreTag: false });
  const longer = transform(ast);
  return `[${printAST(longer)}${padding(literalLength(ast))}]`;
}

export function pseudoCatalogue(messages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).map(([id, text]) => [id, pseudoMessage(text)]));
}
