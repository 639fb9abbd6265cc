#!/usr/bin/env node
'use strict';
// Browser tests: every example page, opened in real headless Chromium.
//
//   node test/browser/run.js            build the SPA and TypeScript examples, serve the
//                                       repository on 127.0.0.1, open each page, check what it
//                                       shows and that its console stays free of errors
//   node test/browser/run.js --serve    only serve the repository, to look at the pages yourself
//
// The browser is found or brought by ./chromium.js (BR_CHROMIUM names one; otherwise
// Playwright's browsers, an installed Google Chrome / Chromium / Edge, the Chromium inside the
// npm dev dependency @sparticuz/chromium on Linux x64, or Debian's chromium via apt-get as root),
// driven by playwright-core, which never downloads a browser of its own. The first check says
// which browser was used and how it was found; without one the suite fails (it never passes by
// skipping), and says what it tried. `node test/browser/chromium.js` only finds and starts it.
//
// Output: mocha-like lines, then `N passed, M failed`. The counts are also written as
// {"stats": {...}, "failures": [...]} to $BR_RESULTS_FILE (for test/run-all.js) and to
// test-results/browser/results.json, next to a screenshot of every page. Exit code 1 on any
// failure.
const fs = require('fs');
const http = require('http');
const path = require('path');
const { launchChromium, describe } = require('./chromium');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT_DIR = path.join(ROOT, 'test-results', 'browser');
const PAGE_TIMEOUT_MS = 15000;
const WATCHDOG_MS = 4 * 60 * 1000;

// -------------------------------------------------------------------------------------------
// What each page must show. `expect`: texts that must appear on the page (its visible text).
// `interact`: what to do on the page after it has loaded, with more checks.
// -------------------------------------------------------------------------------------------
const PAGES = [
  {
    name: 'index',
    path: 'examples/index.html',
    waitForStatus: false,
    expect: ['backbone-relational-ts examples', 'Zoo and Animal', 'House, Person and User', 'Person, Job and Company',
      'Mammal, Primate and Carnivore', 'getAsync against a fake server', 'Reusing instances on new', 'Zoo app (bundled SPA)', 'ES classes and TypeScript',
      'Typed models'],
    async interact(page, test) {
      await test('links to the eleven examples, each of which exists', async () => {
        const links = await page.$$eval('ul.examples a', (as) => as.map((a) => a.getAttribute('href')));
        if (links.length !== 11) throw new Error(`expected 11 links, found ${links.length}: ${links.join(', ')}`);
        const missing = links.filter((href) => !fs.existsSync(path.join(ROOT, 'examples', href)));
        if (missing.length) throw new Error(`links to missing pages: ${missing.join(', ')}`);
      });
    },
  },
  {
    name: 'zoo',
    path: 'examples/zoo.html',
    expect: [
      'artis animals: Lion',
      'lion livesIn: Dierenpark Amersfoort, artis animals: 0',
      'amersfoort animals: Lion',
      'farm animals: Sheep,Cow',
      '"pets": [',
      '"farm": "Old MacDonald"',
    ],
  },
  {
    name: 'house',
    path: 'examples/house.html',
    expect: [
      "paul.get('user').get('login'): dude",
      "ourHouse.get('occupants').at(0) === paul: true",
      "ourHouse.get('occupants').livesIn === ourHouse: true",
      "paul.get('livesIn') === ourHouse: true",
      'occupants not loaded yet (getIdsToFetch): person-2, person-5',
      '"login": "dude"',
      '"occupants": [',
      'event remove:occupants on ourHouse: Paul',
      'paul.livesIn=null',
      'event add:occupants on theirHouse: Paul',
      'theirHouse.occupants=Paul',
    ],
  },
  {
    name: 'jobs',
    path: 'examples/jobs.html',
    expect: [
      'add:jobs: Larry Page @ Google',
      'Google employs: Larry Page, Sergey Brin',
      'Alphabet employs: Larry Page, Sergey Brin',
      'remove:employees on Alphabet: job j4',
      'Alphabet employs: Larry Page\n',
    ],
  },
  {
    name: 'submodels',
    path: 'examples/submodels.html',
    expect: [
      'chimp is an animal? true',
      'chimp is a carnivore? false',
      'chimp is a primate? true',
      "Mammal.build({ id: 7, species: 'gorilla', type: 'primate' }) is a primate? true",
      'Cannot instantiate more than one Backbone.RelationalModel with the same id per type!',
      'ape house: chimp (Primate), gorilla (Primate), orangutan (Primate)',
    ],
  },
  {
    name: 'get-async',
    path: 'examples/get-async.html',
    expect: [
      'server <- GET /person/set/person-2;person-5/',
      'server <- GET /user/user-1',
      'done: occupants: Paul, Mary, Luke',
      "done: paul's user: dude <me@gmail.com>",
      'requests made: 2',
      "getAsync('occupants') again: Paul, Mary, Luke, requests made: 0",
      'after refresh: Paul (35), Mary (33), Luke (4), requests made: 1',
      'fail: 404 Not Found',
    ],
  },
  {
    name: 'forgetting-store',
    path: 'examples/forgetting-store.html',
    expect: [
      'zoos in the store: 1001, animals: 1002',
      'whenever the browser collects garbage',
    ],
  },
  {
    name: 'reuse-instances',
    path: 'examples/reuse-instances.html',
    expect: [
      'inSidebar === inHeader: true',
      'the header heard: Write the guide; moved to Shop (its tasks: 7)',
      'website tasks: [], shop tasks: [7]',
      'list.get(7) === inHeader: true',
      "new Animal({ id: 1, type: 'mammal' }) is the Mammal built before: true",
      'is not an instance of the type given to `new`',
      'cannot take the id 7 of another',
      "new Project({ id: 'web' }): throws \"Cannot instantiate more than one Backbone.RelationalModel with the same id per type!\"",
    ],
  },
  {
    name: 'paths-and-bubbling',
    path: 'examples/paths-and-bubbling.html',
    expect: [
      "zoo.get('animals[1].species'): Zebra",
      "zoo.get('animals[0].keeper.name'): Kim",
      'the zoo heard: change:animals[1].name, change:animals[*].name, change:animals[1], change:animals[*]',
      'throws: Cannot set the path "animals[7].name": "animals[7]" leads to no model',
      'the zebra heard (through the zoo): change:livesIn.animals[0].species, change:livesIn.animals[*].species',
    ],
  },
  {
    name: 'spa',
    path: 'examples/spa/index.html',
    expect: [
      'Artis (3 animals)',
      'Dierenpark Amersfoort (1 animal)',
      'Backbone.Relational === imported namespace: true',
      "lion.get('livesIn').get('name'): Artis",
    ],
    async interact(page, test, screenshot) {
      await test('clicking "Move to Dierenpark Amersfoort" moves the lion and re-renders both zoos', async () => {
        await page.click('button.move[data-animal="1"][data-to="2"]');
        await page.waitForSelector('section.zoo[data-zoo="2"] li[data-animal="1"]', { timeout: 5000 });
        const zoos = await page.$$eval('section.zoo', (sections) => sections.map((s) => ({
          heading: s.querySelector('h2').textContent,
          species: Array.from(s.querySelectorAll('li[data-animal] .species')).map((el) => el.textContent),
          renders: s.getAttribute('data-renders'),
        })));
        const [artis, amersfoort] = zoos;
        if (artis.heading !== 'Artis (2 animals)' || artis.species.includes('Lion')) throw new Error(`Artis shows ${JSON.stringify(artis)}`);
        if (amersfoort.heading !== 'Dierenpark Amersfoort (2 animals)' || !amersfoort.species.includes('Lion')) throw new Error(`Amersfoort shows ${JSON.stringify(amersfoort)}`);
        if (artis.renders !== '2' || amersfoort.renders !== '2') throw new Error(`each zoo should have rendered twice: ${JSON.stringify(zoos)}`);
      });
      await test('the event log shows remove:animals then add:animals', async () => {
        const log = await page.$$eval('#log li', (items) => items.map((li) => li.textContent));
        const expected = ['remove:animals on Artis: Lion', 'add:animals on Dierenpark Amersfoort: Lion'];
        if (JSON.stringify(log) !== JSON.stringify(expected)) throw new Error(`log is ${JSON.stringify(log)}`);
      });
      await screenshot('spa-after-move');
    },
  },
  {
    name: 'es-class',
    path: 'examples/es-class/index.html',
    expect: [
      'artis animals: Lion',
      'lion.describe(): Lion in Dierenpark Amersfoort, artis animals: 0',
      'lion.toJSON(): {"id":"lion","species":"Lion","livesIn":"amersfoort"}',
      'chimp is a primate? true',
      'chimp.climb(): chimp climbs',
      'chimp.describe(): chimp in Artis',
    ],
  },
  {
    name: 'typed',
    path: 'examples/typed/index.html',
    expect: [
      'artis animals: Lion',
      "artis.get('animals') is an AnimalCollection: true",
      'lion livesIn: Dierenpark Amersfoort, artis animals: 0',
      '"pets": [',
      "paul.get('user').get('login'): dude",
      "ourHouse.get('occupants').at(0) === paul: true",
      'occupants not loaded yet (getIdsToFetch): person-2, person-5',
      'event add:occupants on theirHouse: Paul',
      'add:jobs: Larry Page @ Google',
      'Alphabet employs: Larry Page\n',
      'chimp is a primate? true, a carnivore? false',
      'the gorilla is a primate; canClimb: true',
      'ape house: chimp (Primate), gorilla (Primate), orangutan (Primate)',
    ],
  },
];

// -------------------------------------------------------------------------------------------
// A mocha-like reporter
// -------------------------------------------------------------------------------------------
const results = { passes: 0, failures: [], tests: 0, started: Date.now() };

function report(line) {
  process.stdout.write(`${line}\n`);
}

async function runTest(title, fn, indent = '    ') {
  const started = Date.now();
  results.tests += 1;
  try {
    await fn();
    results.passes += 1;
    const ms = Date.now() - started;
    report(`${indent}✓ ${title}${ms > 75 ? ` (${ms}ms)` : ''}`);
    return true;
  } catch (err) {
    results.failures.push({ title, message: (err && err.message) || String(err), stack: err && err.stack });
    report(`${indent}${results.failures.length}) ${title}`);
    return false;
  }
}

function writeResults() {
  const stats = {
    tests: results.tests,
    passes: results.passes,
    failures: results.failures.length,
    pending: 0,
    duration: Date.now() - results.started,
  };
  const json = JSON.stringify({
    stats,
    failures: results.failures.map(({ title, message }) => ({ title, file: __filename, message })),
    // Which browser ran the pages, and how it was found or brought (see ./chromium.js).
    ...(results.browser ? { browser: results.browser, note: results.browser.line } : {}),
  }, null, 2);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), json);
  if (process.env.BR_RESULTS_FILE) fs.writeFileSync(process.env.BR_RESULTS_FILE, json);
}

function finish() {
  report('');
  report(`  ${results.passes} passing (${((Date.now() - results.started) / 1000).toFixed(1)}s)`);
  if (results.failures.length) {
    report(`  ${results.failures.length} failing`);
    results.failures.forEach((failure, i) => {
      report('');
      report(`  ${i + 1}) ${failure.title}:`);
      report(failure.message.split('\n').map((l) => `     ${l}`).join('\n'));
    });
  }
  writeResults();
  report('');
  report(`${results.passes} passed, ${results.failures.length} failed`);
  return results.failures.length ? 1 : 0;
}

// -------------------------------------------------------------------------------------------
// A static file server for the repository, on 127.0.0.1
// -------------------------------------------------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.mts': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function startServer() {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch (e) {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(ROOT, pathname);
    if (file !== ROOT && !file.startsWith(ROOT + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// -------------------------------------------------------------------------------------------
// Main
// -------------------------------------------------------------------------------------------
async function serveOnly() {
  const { origin } = await startServer();
  report(`Serving ${ROOT} on ${origin}`);
  report(`Examples: ${origin}/examples/index.html   (Ctrl-C to stop)`);
}

async function main() {
  report('');
  report('  Example pages in headless Chromium');

  // 1. A browser must be there, or be brought: without one the suite fails, loudly.
  const { chromium } = require('playwright-core');
  let launched;
  const haveChromium = await runTest('a Chromium-based browser is found or brought, and starts', async () => {
    launched = await launchChromium(chromium, { viewport: { width: 1100, height: 800 } }, (line) => report(`      (${line})`));
  });
  if (!haveChromium) return finish();
  results.browser = { executablePath: launched.used.executablePath, version: launched.used.version, how: launched.used.how, line: describe(launched.used) };
  report(`    (${results.browser.line})`);
  armWatchdog(); // from here on: bringing a browser can take minutes (apt-get), testing cannot

  const { context, userDataDir } = launched;
  let server;
  try {
    // 2. The pages that need a build step.
    const { buildSpa, buildEsClass, buildTyped } = require(path.join(ROOT, 'examples', 'build.js'));
    let spa;
    let esClass;
    let typed;
    await runTest('the SPA bundles with rollup (examples/spa/dist/bundle.js)', async () => {
      spa = buildSpa();
      if (!spa.ok) throw new Error(spa.output);
    });
    await runTest('the TypeScript example compiles with tsc --strict against dist/backbone-relational.d.ts, without errors', async () => {
      esClass = buildEsClass();
      if (!esClass.ok) throw new Error(esClass.output);
    });
    await runTest('the typed-models example compiles with tsc --strict against dist/backbone-relational.d.ts, without errors', async () => {
      typed = buildTyped();
      if (!typed.ok) throw new Error(typed.output);
    });

    // 3. Serve the repository and open every page.
    let origin;
    ({ server, origin } = await startServer());
    fs.mkdirSync(OUT_DIR, { recursive: true });
    report(`    (serving ${origin})`);
    for (const spec of PAGES) {
      if (spec.name === 'spa' && !(spa && spa.ok)) {
        await runTest('spa: page not tested, its bundle did not build', async () => { throw new Error('see the build failure above'); });
        continue;
      }
      if (spec.name === 'es-class' && !(esClass && esClass.emitted)) {
        await runTest('es-class: page not tested, tsc wrote no output', async () => { throw new Error('see the build failure above'); });
        continue;
      }
      if (spec.name === 'typed' && !(typed && typed.emitted)) {
        await runTest('typed: page not tested, tsc wrote no output', async () => { throw new Error('see the build failure above'); });
        continue;
      }
      await testPage(context, origin, spec);
    }
  } finally {
    await context.close().catch(() => undefined);
    if (server) server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return finish();
}

function armWatchdog() {
  const watchdog = setTimeout(() => {
    results.failures.push({ title: 'browser tests finished in time', message: `still running after ${WATCHDOG_MS / 1000}s` });
    report(`\nbrowser tests: still running after ${WATCHDOG_MS / 1000}s, giving up`);
    process.exit(finish());
  }, WATCHDOG_MS);
  watchdog.unref();
}

async function testPage(context, origin, spec) {
  report('');
  report(`    ${spec.path}`);
  const indent = '      ';
  const test = (title, fn) => runTest(`${spec.name}: ${title}`, fn, indent);
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (msg) => {
    const where = msg.location() && msg.location().url ? ` (${msg.location().url.replace(origin, '')}:${msg.location().lineNumber})` : '';
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}${where}`);
    else if (msg.type() === 'warning') warnings.push(`${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url().replace(origin, '')} (${req.failure() && req.failure().errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url().replace(origin, '')}`);
  });
  const screenshot = async (name) => {
    await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true }).catch((e) => problems.push(`screenshot failed: ${e.message}`));
  };

  try {
    const loaded = await test('loads and runs to the end', async () => {
      await page.goto(`${origin}/${spec.path}`, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
      if (spec.waitForStatus === false) return;
      await page.waitForSelector('body[data-status]', { timeout: PAGE_TIMEOUT_MS, state: 'attached' });
      const status = await page.getAttribute('body', 'data-status');
      if (status !== 'done') {
        const shown = await page.$eval('#output .error', (el) => el.textContent).catch(() => '');
        throw new Error(`data-status is "${status}"${shown ? `: ${shown}` : ''}`);
      }
    });
    await screenshot(spec.name);
    if (loaded) {
      const text = await page.innerText('body');
      for (const expected of spec.expect || []) {
        await test(`shows ${JSON.stringify(expected.trim())}`, async () => {
          if (!text.includes(expected)) throw new Error(`not on the page. The page shows:\n${text}`);
        });
      }
      if (spec.interact) await spec.interact(page, test, screenshot);
    }
    await test('console has no errors, no page errors, no failed requests', async () => {
      if (problems.length) throw new Error(problems.join('\n'));
    });
    for (const warning of warnings) report(`${indent}  (console warning: ${warning.split('\n')[0]})`);
  } finally {
    await page.close().catch(() => undefined);
  }
}

if (require.main === module) {
  if (process.argv.includes('--serve')) {
    serveOnly().catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
  } else {
    main().then(
      (code) => {
        process.exitCode = code;
      },
      (err) => {
        results.failures.push({ title: 'browser tests ran', message: (err && err.stack) || String(err) });
        report(`\n${(err && err.stack) || err}`);
        process.exitCode = finish();
      },
    );
  }
}
