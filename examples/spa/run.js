'use strict';
// `node examples/spa/run.js`: the bundled app (dist/bundle.js, built by examples/build.js) in
// Node, on a jsdom window instead of a browser: it renders, an animal is moved by clicking its
// button, and the zoo views re-render from the add:animals / remove:animals events.
const fs = require('fs');
const path = require('path');
const { JSDOM } = require('jsdom');

const html = fs.readFileSync(path.join(__dirname, 'index.html'), 'utf8');
const bundle = path.join(__dirname, 'dist', 'bundle.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('examples/spa/dist/bundle.js is missing: run `node examples/build.js` first\n');
  process.exit(1);
}

const title = 'Zoo app (bundled SPA, in jsdom)';
process.stdout.write(`\n== ${title} ==\n`);

try {
  // The page without its <script> tag; the bundle is evaluated in the window below.
  const dom = new JSDOM(html.replace(/<script[^>]*><\/script>/g, ''), { runScripts: 'outside-only', url: 'http://localhost/examples/spa/' });
  const { window } = dom;
  window.eval(fs.readFileSync(bundle, 'utf8'));
  const document = window.document;

  const heading = (text) => process.stdout.write(`\n  ${text}\n  ${'-'.repeat(text.length)}\n`);
  const line = (text) => process.stdout.write(`    ${text}\n`);
  const showZoos = () => {
    document.querySelectorAll('section.zoo').forEach((section) => {
      const species = [...section.querySelectorAll('li[data-animal] .species')].map((el) => el.textContent);
      line(`${section.querySelector('h2').textContent}: ${species.join(', ') || '-'} (rendered ${section.getAttribute('data-renders')}x)`);
    });
  };

  if (document.body.getAttribute('data-status') !== 'done') throw new Error('the app did not start');
  heading('Rendered');
  showZoos();
  document.getElementById('facts').textContent.split('\n').forEach(line);

  heading('Click "Move to Dierenpark Amersfoort" next to the Lion');
  const button = document.querySelector('button.move[data-animal="1"][data-to="2"]');
  if (!button) throw new Error('no move button for the lion');
  button.click();
  showZoos();
  document.querySelectorAll('#log li').forEach((li) => line(`event ${li.textContent}`));

  const amersfoort = [...document.querySelectorAll('section.zoo[data-zoo="2"] .species')].map((el) => el.textContent);
  if (!amersfoort.includes('Lion')) throw new Error('the lion did not arrive in Amersfoort');
  window.close();
} catch (err) {
  process.stderr.write(`\nFAILED: ${title}\n${(err && err.stack) || err}\n`);
  process.exitCode = 1;
}
