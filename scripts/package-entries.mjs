// Rollup plugins that write the package entry files derived from the main builds (see
// "exports" in package.json and docs/_readme-build-section.md):
//
//   dist/backbone-relational.d.ts         every declaration, for `require()` (and for TypeScript's
//                                         old `node10` resolution): rollup-plugin-dts's bundle
//                                         with the module shaped as what the UMD file really gives
//                                         CommonJS: `export = Relational` (the namespace object).
//   dist/backbone-relational.d.mts        the ES module's declarations (`import`): the default
//                                         export and the named ones, each taken from the .d.ts.
//                                         One set of declarations, so a program that sees both
//                                         files (.cts and .mts sources, say) gets the same types
//                                         and declares the `backbone` module additions once.
//   dist/backbone-relational.node.mjs     what Node's `import` loads: a thin ES module over the
//                                         CommonJS build. Node then runs one copy of the library
//                                         whether an application imports it, requires it, or
//                                         both (two copies would mean two stores and two
//                                         `RelationalModel` classes, and relations between
//                                         types created through different copies fail).
//                                         Bundlers still get dist/backbone-relational.mjs.
import ts from 'typescript';

/** `import` names of the ES build that are not a property of the same name on the namespace. */
const NAMESPACE_ALIASES = { RelationalModel: 'Model', Relational: null, default: null };

/**
 * Rollup plugin for the ES build: emits `backbone-relational.node.mjs` re-exporting, from the
 * CommonJS build `cjsFile`, every name the ES chunk exports.
 */
export function nodeEsmWrapper({ cjsFile, fileName }) {
  return {
    name: 'node-esm-wrapper',
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry);
      const lines = [
        '// Node\'s `import` of backbone-relational-ts: the CommonJS build, re-exported, so an',
        '// application that both imports and requires the library still runs one copy of it.',
        `import Relational from ${JSON.stringify('./' + cjsFile)};`,
        '',
        'export default Relational;',
      ];
      for (const name of chunk.exports.slice().sort()) {
        if (name === 'default') continue;
        if (name === 'Relational') {
          lines.push('export { Relational };');
          continue;
        }
        const property = Object.prototype.hasOwnProperty.call(NAMESPACE_ALIASES, name) ? NAMESPACE_ALIASES[name] : name;
        lines.push(`export const ${name} = Relational.${property};`);
      }
      this.emitFile({ type: 'asset', fileName, source: lines.join('\n') + '\n' });
    },
  };
}

/**
 * Rollup plugin for the declaration build (rollup-plugin-dts, ES output, written as
 * `backbone-relational.d.mts`): emits `cjsFileName`, the CommonJS form of the declarations, and
 * makes the ES output re-export from it.
 */
export function dualDeclarations({ cjsFileName }) {
  return {
    name: 'dual-declarations',
    generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry);
      const { cjs, esm } = splitDeclarations(chunk.code, `./${cjsFileName.replace(/\.d\.ts$/, '.js')}`);
      this.emitFile({ type: 'asset', fileName: cjsFileName, source: cjs });
      chunk.code = esm;
    },
  };
}

/**
 * Turn the bundled ES declarations into `export =` declarations:
 *
 *   import Backbone = require('backbone');
 *   ...every declaration, unchanged...
 *   declare const _default: typeof Relational & { Model: typeof RelationalModel; ... };
 *   declare namespace _default { type Model = ...; type RelationDefinition = ...; ... }
 *   export = _default;
 *
 * The value is the default export (the namespace object the UMD build hands `module.exports`)
 * with the other exported values as its properties (index.ts puts them there); the merged
 * namespace carries every exported type, generic parameters included.
 */
export function splitDeclarations(code, cjsModule) {
  const source = ts.createSourceFile('bundle.d.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declarations = new Map(); // name -> type parameter list text ('' when none), for type-bearing declarations
  const docs = new Map(); // name -> its JSDoc comment, for the ES re-exports
  const values = []; // [exported name, local name]
  const types = []; // [exported name, local name]
  let defaultLocal = null;
  const edits = []; // [start, end, replacement]

  for (const statement of source.statements) {
    const doc = jsDoc(statement, code);
    if (ts.isVariableStatement(statement) && doc) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) docs.set(declaration.name.text, doc);
      }
    }
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) declarations.set(statement.name.text, typeParameters(statement, source));
    } else if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const module = statement.moduleSpecifier.text;
      // `import X from 'cjs-module'` in a CommonJS declaration file needs esModuleInterop in the
      // consumer; `import X = require(...)` works everywhere.
      if (clause && clause.name && !clause.namedBindings && !clause.isTypeOnly) {
        edits.push([statement.getStart(source), statement.end, `import ${clause.name.text} = require(${JSON.stringify(module)});`]);
      } else {
        throw new Error(`cjs-declarations: unexpected import in the declaration bundle: ${statement.getText(source)}`);
      }
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause
      && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        const exported = element.name.text;
        const local = (element.propertyName || element.name).text;
        if (exported === 'default') defaultLocal = local;
        else if (statement.isTypeOnly || element.isTypeOnly) types.push([exported, local]);
        else values.push([exported, local]);
      }
      edits.push([statement.getStart(source), statement.end, '']);
    } else if (ts.isExportAssignment(statement) || hasExportModifier(statement)) {
      throw new Error(`cjs-declarations: unexpected export in the declaration bundle: ${statement.getText(source).slice(0, 80)}`);
    }
  }
  if (!defaultLocal) throw new Error('cjs-declarations: the bundle has no default export');

  let output = code;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) {
    output = output.slice(0, start) + replacement + output.slice(end);
  }
  output = output.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';

  // Only the names that are properties of the namespace object at run time (not, say,
  // `RelationalModel`, which CommonJS code reaches as `.Model`).
  const properties = values
    .filter(([exported]) => !Object.prototype.hasOwnProperty.call(NAMESPACE_ALIASES, exported))
    .map(([exported, local]) => `    ${exported}: typeof ${local};`);
  const aliases = new Map();
  const namespaceTypes = [];
  for (const [exported, local] of [...values, ...types]) {
    if (!declarations.has(local)) continue; // a value with no type of that name (Semaphore, Collection)
    const { params, args } = declarations.get(local);
    const outer = `__${local}`;
    aliases.set(outer, `type ${outer}${params} = ${local}${args};`);
    namespaceTypes.push(`    type ${exported}${params} = ${outer}${args};`);
  }
  const cjs = output + [
    '',
    '// CommonJS: `require()` returns the namespace object, which holds the other values.',
    ...aliases.values(),
    `declare const _default: typeof ${defaultLocal} & {`,
    ...properties,
    '};',
    'declare namespace _default {',
    ...namespaceTypes,
    '}',
    'export = _default;',
    '',
  ].join('\n');

  // The ES module: each name re-exported from the CommonJS declarations.
  const esm = [
    '// The ES module (`import`): the same declarations as ./backbone-relational.d.ts, re-exported.',
    `import Relational from ${JSON.stringify(cjsModule)};`,
    '',
    'export default Relational;',
  ];
  const typeOnly = [];
  for (const [exported, local] of values) {
    if (exported === 'Relational' || local === defaultLocal) {
      esm.push(`export { Relational as ${exported} };`);
      continue;
    }
    const property = Object.prototype.hasOwnProperty.call(NAMESPACE_ALIASES, exported) ? NAMESPACE_ALIASES[exported] : exported;
    if (docs.has(local)) esm.push(docs.get(local));
    esm.push(`export declare const ${exported}: typeof Relational.${property};`);
    if (declarations.has(local)) {
      // A generic type keeps its type parameters (`RelationalModel<A, R>`).
      const { params, args } = declarations.get(local);
      esm.push(`export type ${exported}${params} = Relational.${exported}${args};`);
    }
  }
  for (const [exported] of types) typeOnly.push(exported);
  if (typeOnly.length) esm.push(`export type { ${typeOnly.join(', ')} } from ${JSON.stringify(cjsModule)};`);
  return { cjs, esm: esm.join('\n') + '\n' };
}

/** The JSDoc comment right before a statement, if any. */
function jsDoc(statement, code) {
  const ranges = ts.getLeadingCommentRanges(code, statement.pos) || [];
  const last = ranges[ranges.length - 1];
  if (!last || code.slice(last.pos, last.pos + 3) !== '/**') return null;
  return code.slice(last.pos, last.end);
}

function hasExportModifier(statement) {
  return !!(statement.modifiers && statement.modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword));
}

/** `{ params: '<M extends X = X>', args: '<M>' }` for a generic declaration, empty strings otherwise. */
function typeParameters(declaration, source) {
  const list = declaration.typeParameters;
  if (!list || !list.length) return { params: '', args: '' };
  return {
    params: `<${list.map((parameter) => parameter.getText(source)).join(', ')}>`,
    args: `<${list.map((parameter) => parameter.name.text).join(', ')}>`,
  };
}

