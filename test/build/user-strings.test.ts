/**
 * @jest-environment node
 *
 * Every word the user reads in the popup, the import page and the hover card
 * comes from _locales/ through `t()`. This reads the sources with the
 * TypeScript parser and fails on a hard-coded one: JSX text, user-visible
 * attributes, the card's `h()` children, and strings given to the calls that
 * show a status line or an error. It also checks that the keys used exist
 * in every locale and that no key is left unused.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const files = (dir: string, ext: RegExp): string[] =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? files(rel, ext) : ext.test(e.name) ? [rel] : [];
  });

/** What the user sees, where the text is in the source. */
const UI_FILES = [...files('src/popup', /\.tsx$/), ...files('src/import', /\.tsx$/), 'src/content/card/SpeakerCard.ts', 'src/content/card/hover-card.ts'];

/** Not words to translate: symbols, and names of brands and formats. */
const ALLOWED = new Set(['×', '←', '⚙', '·', 'Podium', 'GitHub', 'GitLab', 'LinkedIn', 'X/Twitter', 'Mastodon', 'iCalendar', 'frab JSON']);

/** Attributes (and component props) whose value is read or heard. */
const VISIBLE_ATTRS = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label', 'hint', 'submit']);

/** Calls whose string argument becomes a status line, an error or a progress label. */
const MESSAGE_CALLS = new Set(['notify', 'setMessage', 'setError', 'setStatus', 'setNotice', 'setProgress', 'done', 'onDone', 'Error', 'ImportError']);

/** Object keys whose value is shown (an edit form's field label, a notice's text). */
const VISIBLE_KEYS = new Set(['label', 'hint', 'text', 'message', 'placeholder', 'title', 'aria-label']);

const hasWords = (s: string) => /\p{L}/u.test(s) && !ALLOWED.has(s.trim());

/** The literal text an expression may evaluate to; calls (`t('key')`) and other values are not literal text. */
function literalTexts(e: ts.Expression | undefined): string[] {
  if (!e) return [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.flatMap((s) => [s.literal.text, ...literalTexts(s.expression)])];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return literalTexts(e.expression);
  if (ts.isConditionalExpression(e)) return [...literalTexts(e.whenTrue), ...literalTexts(e.whenFalse)];
  if (ts.isBinaryExpression(e)) {
    // `a + b`, `a ?? b`, `a || b` may show either side; `cond && b` shows only b; comparisons show neither.
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...literalTexts(e.left), ...literalTexts(e.right)];
    return op === ts.SyntaxKind.AmpersandAmpersandToken ? literalTexts(e.right) : [];
  }
  if (ts.isObjectLiteralExpression(e)) return e.properties.flatMap((p) => (ts.isPropertyAssignment(p) && VISIBLE_KEYS.has(nameOf(p.name)) ? literalTexts(p.initializer) : []));
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => (ts.isExpression(x) ? literalTexts(x) : []));
  return [];
}

function nameOf(n: ts.Node): string {
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  if (ts.isJsxNamespacedName(n)) return `${n.namespace.text}:${n.name.text}`;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return '';
}

const kindOf = (file: string) => (file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
const parse = (file: string) => ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, kindOf(file));

/** Hard-coded user-visible strings in one file, as `file:line "text"`. */
export function hardCodedStrings(file: string, source = parse(file)): string[] {
  const found: string[] = [];
  const report = (node: ts.Node, texts: string[]) => {
    for (const text of texts.filter(hasWords)) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${JSON.stringify(text.trim())}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, [node.text]);
    else if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent)) report(node, literalTexts(node.expression));
    else if (ts.isJsxAttribute(node) && VISIBLE_ATTRS.has(nameOf(node.name))) {
      const init = node.initializer;
      report(node, !init ? [] : ts.isStringLiteral(init) ? [init.text] : ts.isJsxExpression(init) ? literalTexts(init.expression) : []);
    } else if (ts.isJsxAttribute(node) && nameOf(node.name) === 'value' && /^(button|input)$/.test(nameOf((node.parent.parent as ts.JsxOpeningLikeElement).tagName))) {
      const init = node.initializer;
      const type = (node.parent as ts.JsxAttributes).properties.find((p) => ts.isJsxAttribute(p) && nameOf(p.name) === 'type');
      const typeText = type && ts.isJsxAttribute(type) && type.initializer && ts.isStringLiteral(type.initializer) ? type.initializer.text : '';
      if (nameOf((node.parent.parent as ts.JsxOpeningLikeElement).tagName) === 'button' || /^(button|submit|reset)$/.test(typeText)) {
        report(node, init && ts.isStringLiteral(init) ? [init.text] : init && ts.isJsxExpression(init) ? literalTexts(init.expression) : []);
      }
    } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && MESSAGE_CALLS.has(nameOf(node.expression))) {
      report(node, (node.arguments ?? []).flatMap(literalTexts));
    } else if (ts.isCallExpression(node) && nameOf(node.expression) === 'h') {
      // The card's element builder: h(tag, props, ...children).
      const [, props, ...children] = node.arguments;
      if (props && ts.isObjectLiteralExpression(props)) {
        for (const p of props.properties) if (ts.isPropertyAssignment(p) && VISIBLE_ATTRS.has(nameOf(p.name))) report(p, literalTexts(p.initializer));
      }
      report(node, children.flatMap(literalTexts));
    } else if (ts.isPropertyAssignment(node) && VISIBLE_KEYS.has(nameOf(node.name)) && ts.isObjectLiteralExpression(node.parent)) {
      report(node, literalTexts(node.initializer));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(found)];
}

/**
 * Where importers and the worker write sentences the user reads: importer
 * errors and warnings (the import page, Settings → Subscriptions), and the
 * worker's merge warnings, undo labels ("Undone: …") and not-found errors.
 * `FetchError` (fetch-schedule.ts) is left out: its `problem` code is what
 * the popup words, the sentence is for logs.
 */
const MESSAGE_FILES = [
  ...files('src/shared/importers', /\.ts$/).filter((f) => !f.endsWith('fetch-schedule.ts')),
  ...files('src/background/archive', /\.ts$/),
  'src/background/search/handlers.ts',
];

/** Not words: JSON paths (`schedule.conference.title`), XML elements (`<conference>`), iCalendar's `UID`, a format's name. */
const CODE_TOKENS = /<[a-z]+>|[A-Za-z_]*(?:\.[A-Za-z_]+)+|\bUID\b/g;
const ALLOWED_IN_MESSAGES = new Set(['Sessionize CSV', 'schedule']);
const hasMessageWords = (s: string) => !ALLOWED_IN_MESSAGES.has(s.replace(/^[\s,:]+|[\s,:]+$/g, '')) && /\p{L}/u.test(s.replace(CODE_TOKENS, ''));

/** Hard-coded sentences given to an importer's error or warning, or to the worker's undo log and errors, as `file:line "text"`. */
export function hardCodedMessages(file: string, source = parse(file)): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = nameOf(callee);
      const owner = ts.isPropertyAccessExpression(callee) ? callee.expression.getText(source) : '';
      const shown =
        (ts.isNewExpression(node) && (name === 'ImportError' || name === 'NotFoundError')) ||
        (ts.isCallExpression(node) && name === 'warn' && owner !== 'console') ||
        (ts.isCallExpression(node) && name === 'push' && /warnings$/.test(owner)) ||
        (ts.isCallExpression(node) && name === 'commit');
      if (shown) {
        for (const text of (node.arguments ?? []).flatMap(literalTexts).filter(hasMessageWords)) {
          found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${JSON.stringify(text.trim())}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(found)];
}

const messagesOf = (locale: string): Record<string, { message: string }> => JSON.parse(fs.readFileSync(path.join(root, '_locales', locale, 'messages.json'), 'utf8'));

describe('user-visible strings', () => {
  it('finds hard-coded text of each kind it looks for', () => {
    const sample = `
      const a = <p>Hello there</p>;
      const b = <button aria-label="Close" title={x ? 'Open it' : t('k')}>{busy ? 'Loading…' : t('k')}</button>;
      const c = <input type="submit" value="Send" />;
      notify(\`Deleted \${name}.\`);
      throw new Error('Something broke');
      const card = h('p', { class: 'more', 'aria-label': 'More talks' }, 'and more');
      const fields = [{ name: 'x', label: 'Name', hint: t('k') }];
      const fine = <p class="row">{t('k')} × {' · '} <span title={t('k')}>Podium</span></p>;
    `;
    const found = hardCodedStrings('sample.tsx', ts.createSourceFile('sample.tsx', sample, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)).map((f) => f.replace(/^sample\.tsx:\d+ /, ''));
    expect(found.sort()).toEqual(['"Close"', '"Deleted"', '"Hello there"', '"Loading…"', '"More talks"', '"Name"', '"Open it"', '"Send"', '"Something broke"', '"and more"'].sort());
  });

  it('are not hard-coded in the popup, the import page or the hover card', () => {
    expect(UI_FILES.length).toBeGreaterThan(10);
    expect(UI_FILES.flatMap((f) => hardCodedStrings(f))).toEqual([]);
  });

  it('finds hard-coded sentences in importer errors and warnings, undo labels and the worker’s errors', () => {
    const sample = `
      throw new ImportError('the file is empty', name);
      throw new ImportError(t('k'), \`\${name}, line \${n}\`);
      b.warn(\`\${where}: no title; skipped\`);
      warn(\`\${path}: \${t('k')}\`);
      warnings.push(n > 1 ? t('k') : 'No positions were found.');
      this.warnings.push(message);
      await cs.commit(db, \`Edit “\${s.name}”\`);
      throw new NotFoundError(\`No talk with id “\${id}”.\`);
      const fine = [new ImportError(t('k'), \`\${name}, schedule.conference.title\`), new ImportError(t('k'), \`\${name}, <conference>\`), new ImportError(t('k'), 'UID ' + uid), console.warn('Podium: debug')];
      throw new FetchError('timeout', 'the server took too long', url);
    `;
    const found = hardCodedMessages('sample.ts', ts.createSourceFile('sample.ts', sample, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)).map((f) => f.replace(/^sample\.ts:\d+ /, ''));
    expect(found.sort()).toEqual(['"the file is empty"', '", line"', '": no title; skipped"', '"No positions were found."', '"Edit “"', '"No talk with id “"'].sort());
  });

  it('are not hard-coded in importer messages or the worker’s undo labels and errors', () => {
    expect(MESSAGE_FILES.length).toBeGreaterThan(30);
    expect(MESSAGE_FILES.flatMap((f) => hardCodedMessages(f))).toEqual([]);
  });

  const sources = files('src', /\.tsx?$/).map((f) => parse(f));
  const en = messagesOf('en');
  const de = messagesOf('de');
  /** Keys as written in `t('…')` and `tn('…')` calls (tn's key names a `…One`/`…Other` pair). */
  const called: string[] = [];
  /** Every string literal in src: maps of keys (`{ video: 'commonVideo' }`) count as use. */
  const literals = new Set<string>();
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      if (ts.isCallExpression(node) && /^tn?$/.test(nameOf(node.expression))) {
        const first = node.arguments[0];
        if (first && ts.isStringLiteral(first)) called.push(...(nameOf(node.expression) === 'tn' ? [`${first.text}One`, `${first.text}Other`] : [first.text]));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  it('uses only keys that every locale has', () => {
    expect(called.length).toBeGreaterThan(100);
    expect(called.filter((k) => !(k in en) || !(k in de))).toEqual([]);
  });

  it('leaves no key unused', () => {
    const manifest = fs.readFileSync(path.join(root, 'manifest.json'), 'utf8');
    const used = (key: string) =>
      literals.has(key) || manifest.includes(`__MSG_${key}__`) || (/(One|Other)$/.test(key) && literals.has(key.replace(/(One|Other)$/, '')));
    expect(Object.keys(en).filter((k) => !used(k))).toEqual([]);
  });
});
