#!/usr/bin/env node
'use strict';
// The Chromium that the browser tests drive: found where one is installed, else brought.
//
//   const { launchChromium } = require('./chromium');
//   const { context, userDataDir, used } = await launchChromium(playwright.chromium, options);
//
//   node test/browser/chromium.js     say which browser the tests would use, start it, and stop
//
// Where it looks, in this order; the first browser that starts is used:
//
//   1. $BR_CHROMIUM (or $CHROME_PATH, or $CHROMIUM_PATH): a path to a Chromium-based browser, or
//      a command on PATH. Only that one: if it is missing or does not start, the tests fail.
//   2. Playwright's browsers: $PLAYWRIGHT_BROWSERS_PATH, ~/.cache/ms-playwright (Linux),
//      ~/Library/Caches/ms-playwright (macOS), %LOCALAPPDATA%\ms-playwright (Windows); the
//      newest revision first.
//   3. Google Chrome, then Chromium, on PATH and where their installers put them on Linux,
//      macOS (/Applications, ~/Applications) and Windows (Program Files, %LOCALAPPDATA%);
//      then Microsoft Edge, which is Chromium too (and is on every Windows).
//   4. Brought, on Linux x64: the Chromium inside the npm package @sparticuz/chromium, a pinned
//      dev dependency (so `npm install` fetched it from the npm registry, as any package; no
//      browser download). Unpacked once into node_modules/.cache/br-chromium/<version>/. If
//      the machine lacks a library it links (libnss3 ...), the copies the package ships are
//      used.
//   5. Brought, on Linux with apt-get, when running as root or with passwordless sudo:
//      Debian's chromium package (`apt-get install -y chromium`).
//
// Otherwise launchChromium throws an error that lists what it tried and how to provide one.
// Nothing here downloads a browser from anywhere but the npm registry (step 4, at install
// time) and the system's package manager (step 5).
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { pipeline } = require('stream/promises');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const ENV_VARS = ['BR_CHROMIUM', 'CHROME_PATH', 'CHROMIUM_PATH'];
const BUNDLED_PACKAGE = '@sparticuz/chromium';
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'br-chromium');
const LAUNCH_TIMEOUT_MS = 60 * 1000;
// Every start: headless, and nothing that reaches for the network by itself (update checks,
// sync, component downloads, QUIC probes), which a closed network answers with errors.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const APT_TIMEOUT_MS = 4 * 60 * 1000;
const HOME = os.homedir();

// -------------------------------------------------------------------------------------------
// Small helpers
// -------------------------------------------------------------------------------------------
function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch (e) {
    return false;
  }
}

function onPath(command) {
  const exts = process.platform === 'win32' ? ['', ...(process.env.PATHEXT || '.EXE').split(';')] : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const file = path.join(dir, command + ext);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

function shortPath(file) {
  if (file.startsWith(ROOT + path.sep)) return path.relative(ROOT, file);
  if (HOME && file.startsWith(HOME + path.sep)) return `~${file.slice(HOME.length)}`;
  return file;
}

function realPath(file) {
  try {
    return fs.realpathSync(file);
  } catch (e) {
    return file;
  }
}

function firstLines(text, n = 3) {
  return String(text).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, n).join(' | ');
}

// Playwright's launch errors hold the whole command line and a call log; keep what tells why:
// the first line, what the browser wrote to stderr, and how its process ended.
function launchFailure(err) {
  const lines = String((err && err.message) || err).replace(/\u001b\[\d+m/g, '').split('\n');
  const first = lines[0].replace(/^browserType\.\w+: /, '');
  const logs = lines.slice(1, lines.findIndex((l) => l.startsWith('Call log:')) >>> 0);
  const stderr = logs.filter((l) => /^\[pid=\d+\]\[err\]/.test(l)).map((l) => l.replace(/^\[pid=\d+\]\[err\]\s*/, '')).filter(Boolean);
  const exit = lines.map((l) => /<process did exit: ([^>]*)>/.exec(l)).find(Boolean);
  return [first, ...stderr.slice(0, 3), exit && `process exited: ${exit[1]}`].filter(Boolean).join(' | ');
}

// -------------------------------------------------------------------------------------------
// 1. The environment variable
// -------------------------------------------------------------------------------------------
function fromEnvironment() {
  const name = ENV_VARS.find((n) => process.env[n]);
  if (!name) return null;
  const value = process.env[name];
  const file = /[\\/]/.test(value) ? path.resolve(value) : onPath(value) || value;
  return { executablePath: file, how: `named by $${name}` };
}

// -------------------------------------------------------------------------------------------
// 2. Playwright's browsers
// -------------------------------------------------------------------------------------------
function playwrightRoots() {
  const roots = [];
  const configured = process.env.PLAYWRIGHT_BROWSERS_PATH;
  if (configured === '0') {
    try {
      roots.push(path.join(path.dirname(require.resolve('playwright-core/package.json')), '.local-browsers'));
    } catch (e) { /* no playwright-core */ }
  } else if (configured) {
    roots.push(path.resolve(configured));
  }
  if (process.platform === 'win32') {
    if (process.env.LOCALAPPDATA) roots.push(path.join(process.env.LOCALAPPDATA, 'ms-playwright'));
  } else if (process.platform === 'darwin') {
    roots.push(path.join(HOME, 'Library', 'Caches', 'ms-playwright'));
  } else {
    roots.push(path.join(process.env.XDG_CACHE_HOME || path.join(HOME, '.cache'), 'ms-playwright'));
  }
  return [...new Set(roots)];
}

// Playwright keeps each browser in <root>/<name>-<revision>/<platform folder>/<executable>; the
// platform folder's name has changed over the years (chrome-linux, chrome-linux64, chrome-mac-arm64,
// chrome-win64, chrome-headless-shell-linux64 ...), so every folder one level down is looked in.
const PLAYWRIGHT_EXECUTABLES = ['chrome', 'chrome.exe', 'chrome-headless-shell', 'chrome-headless-shell.exe', 'headless_shell', 'headless_shell.exe'];

function fromPlaywright() {
  const found = [];
  for (const root of playwrightRoots()) {
    let entries;
    try {
      entries = fs.readdirSync(root);
    } catch (e) {
      continue;
    }
    for (const entry of entries) {
      const match = /^(chromium(?:[-_]tip[-_]of[-_]tree)?)(_headless_shell)?-(\d+)$/.exec(entry);
      if (!match) continue;
      const browserDir = path.join(root, entry);
      let subdirs;
      try {
        subdirs = fs.readdirSync(browserDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
      } catch (e) {
        continue;
      }
      for (const sub of subdirs) {
        const dir = path.join(browserDir, sub);
        const files = PLAYWRIGHT_EXECUTABLES.map((name) => path.join(dir, name));
        // macOS: <folder>/<Name>.app/Contents/MacOS/<Name>
        try {
          for (const app of fs.readdirSync(dir).filter((n) => n.endsWith('.app'))) {
            files.push(path.join(dir, app, 'Contents', 'MacOS', app.slice(0, -4)));
          }
        } catch (e) { /* not a folder we can read */ }
        for (const file of files.filter(isExecutable)) {
          found.push({
            executablePath: file,
            how: `Playwright's browsers (${shortPath(root)})`,
            revision: Number(match[3]),
            shell: Boolean(match[2]) || /headless/.test(path.basename(file)),
          });
        }
      }
    }
  }
  // Newest first; at the same revision, the full browser before the headless shell.
  found.sort((a, b) => b.revision - a.revision || Number(a.shell) - Number(b.shell));
  return found;
}

// -------------------------------------------------------------------------------------------
// 3. Installed browsers: Google Chrome, Chromium, then Microsoft Edge
// -------------------------------------------------------------------------------------------
function installedCandidates() {
  const commands = [];
  const files = [];
  if (process.platform === 'darwin') {
    const apps = [
      ['Google Chrome', 'Google Chrome'],
      ['Chromium', 'Chromium'],
      ['Google Chrome Canary', 'Google Chrome Canary'],
      ['Microsoft Edge', 'Microsoft Edge'],
    ];
    for (const [app, exe] of apps) {
      for (const base of ['/Applications', path.join(HOME, 'Applications')]) {
        files.push(path.join(base, `${app}.app`, 'Contents', 'MacOS', exe));
      }
    }
    commands.push('chromium', 'google-chrome');
  } else if (process.platform === 'win32') {
    const bases = [process.env.LOCALAPPDATA, process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)']].filter(Boolean);
    for (const rel of [['Google', 'Chrome', 'Application', 'chrome.exe'], ['Chromium', 'Application', 'chrome.exe'], ['Microsoft', 'Edge', 'Application', 'msedge.exe']]) {
      for (const base of bases) files.push(path.join(base, ...rel));
    }
    commands.push('chrome', 'chromium');
  } else {
    commands.push('google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser');
    files.push('/opt/google/chrome/chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium',
      '/usr/lib64/chromium-browser/chromium-browser', '/snap/bin/chromium');
    commands.push('microsoft-edge-stable', 'microsoft-edge');
    files.push('/opt/microsoft/msedge/msedge');
  }
  const found = [];
  for (const command of commands) {
    const file = onPath(command);
    if (file) found.push({ executablePath: file, how: `\`${command}\` on PATH` });
  }
  for (const file of files) {
    if (isExecutable(file)) found.push({ executablePath: file, how: 'installed' });
  }
  // On PATH before the fixed places, but Edge after Chrome and Chromium wherever it was found.
  const isEdge = (c) => /edge/i.test(c.executablePath);
  return [...found.filter((c) => !isEdge(c)), ...found.filter(isEdge)];
}

// -------------------------------------------------------------------------------------------
// 4. The Chromium shipped inside an npm package
// -------------------------------------------------------------------------------------------
function bundledPackageDir() {
  try {
    // The package's exports do not include package.json: go up from its main file to the
    // package.json that names it (build/cjs/ has a package.json of its own).
    for (let dir = path.dirname(require.resolve(BUNDLED_PACKAGE, { paths: [ROOT] })); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === BUNDLED_PACKAGE) return dir;
    }
    return null;
  } catch (e) {
    const dir = path.join(ROOT, 'node_modules', ...BUNDLED_PACKAGE.split('/'));
    return fs.existsSync(path.join(dir, 'package.json')) ? dir : null;
  }
}

// Unpack a brotli-compressed file, or a brotli-compressed tar (with the system's tar), into a
// folder of its own, once: `<dir>/.complete` marks a finished unpack.
async function unpackOnce(dir, work) {
  if (fs.existsSync(path.join(dir, '.complete'))) return false;
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    await work(tmp);
    fs.writeFileSync(path.join(tmp, '.complete'), `${new Date().toISOString()}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, '.complete'))) throw e;
  }
  return true;
}

async function brotliToFile(source, target, mode) {
  await pipeline(fs.createReadStream(source), zlib.createBrotliDecompress(), fs.createWriteStream(target, { mode }));
}

function brotliTarToDir(source, targetDir) {
  const tar = spawnSync('tar', ['-x', '-f', '-', '-C', targetDir], { input: zlib.brotliDecompressSync(fs.readFileSync(source)), encoding: 'utf8' });
  if (tar.error || tar.status !== 0) throw new Error(`tar could not unpack ${source}: ${(tar.error && tar.error.message) || tar.stderr}`);
}

function versionCheck(executablePath, env) {
  const run = spawnSync(executablePath, ['--version'], { env, encoding: 'utf8', timeout: 30000 });
  if (!run.error && run.status === 0) return { ok: true, version: run.stdout.trim() };
  return { ok: false, message: (run.error && run.error.message) || firstLines(`${run.stderr}\n${run.stdout}`) || `exit code ${run.status}` };
}

async function bringBundled(log) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { skipped: `${BUNDLED_PACKAGE} ships a Chromium for Linux x64 only (this is ${process.platform}-${process.arch})` };
  }
  const pkgDir = bundledPackageDir();
  if (!pkgDir || !fs.existsSync(path.join(pkgDir, 'bin', 'chromium.br'))) {
    return { skipped: `${BUNDLED_PACKAGE} is not installed (run npm install)` };
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const dir = path.join(CACHE_DIR, version);
  const executablePath = path.join(dir, 'chromium');
  const started = Date.now();
  const unpacked = await unpackOnce(dir, (tmp) => brotliToFile(path.join(pkgDir, 'bin', 'chromium.br'), path.join(tmp, 'chromium'), 0o755));
  const notes = [];
  if (unpacked) notes.push(`unpacked now, ${((Date.now() - started) / 1000).toFixed(1)}s`);
  let env; // the environment of the tests, unless the binary needs more
  let check = versionCheck(executablePath, env);
  if (!check.ok && /shared librar/i.test(check.message)) {
    // The machine lacks a library the binary links (libnss3, libnspr4, libexpat ...): use the
    // copies the package ships for Amazon Linux, only for this browser.
    const libs = path.join(CACHE_DIR, `${version}-libs`);
    await unpackOnce(libs, async (tmp) => brotliTarToDir(path.join(pkgDir, 'bin', 'al2023.tar.br'), tmp));
    env = { ...process.env, LD_LIBRARY_PATH: [path.join(libs, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter) };
    notes.push(`with the package's own ${fs.readdirSync(path.join(libs, 'lib')).filter((f) => f.endsWith('.so') || /\.so\./.test(f)).length} libraries`);
    check = versionCheck(executablePath, env);
  }
  if (!check.ok) return { skipped: `the Chromium from ${BUNDLED_PACKAGE}@${version} does not run here: ${check.message}` };
  if (!fs.existsSync('/usr/share/fonts') && !process.env.FONTCONFIG_FILE) {
    // No fonts on this machine: give the pages the package's Open Sans, so screenshots show text.
    const fonts = path.join(CACHE_DIR, `${version}-fonts`);
    await unpackOnce(fonts, async (tmp) => {
      brotliTarToDir(path.join(pkgDir, 'bin', 'fonts.tar.br'), tmp);
      fs.writeFileSync(path.join(tmp, 'br-fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${path.join(fonts, 'fonts')}</dir><cachedir>${path.join(fonts, 'cache')}</cachedir></fontconfig>\n`);
    });
    env = { ...(env || process.env), FONTCONFIG_FILE: path.join(fonts, 'br-fonts.conf') };
    notes.push("with the package's fonts");
  }
  return {
    candidate: {
      executablePath,
      env,
      how: `brought: the Chromium inside the npm package ${BUNDLED_PACKAGE}@${version} (a dev dependency), ` +
        `unpacked to ${shortPath(dir)}${notes.length ? ` (${notes.join(', ')})` : ''}`,
    },
  };
}

// -------------------------------------------------------------------------------------------
// 5. The system's package manager (Debian's chromium, with apt-get)
// -------------------------------------------------------------------------------------------
function bringWithApt(log) {
  if (process.platform !== 'linux') return { skipped: 'no package manager to use (not Linux)' };
  if (!onPath('apt-get')) return { skipped: 'no apt-get on this machine' };
  let prefix = [];
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    const sudo = onPath('sudo');
    if (!sudo || spawnSync(sudo, ['-n', 'true'], { stdio: 'ignore', timeout: 10000 }).status !== 0) {
      return { skipped: 'apt-get needs root, and this is neither root nor allowed passwordless sudo' };
    }
    prefix = [sudo, '-n'];
  }
  const as = root ? 'as root' : 'with sudo';
  log(`installing Debian's chromium package with apt-get (${as}); this takes a minute or two`);
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const argv = [...prefix, 'apt-get', ...args];
    const run = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8', timeout: APT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    if (run.error || run.status !== 0) {
      const output = `${run.stdout || ''}\n${run.stderr || ''}`.trim().split('\n').slice(-6).join('\n');
      return { skipped: `\`apt-get ${args.join(' ')}\` failed (${(run.error && run.error.message) || `exit code ${run.status}`}):\n${output}` };
    }
  }
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(isExecutable);
  if (!executablePath) return { skipped: 'apt-get installed chromium, but /usr/bin/chromium is not there' };
  return {
    candidate: { executablePath, how: `brought: Debian's chromium package, installed now with apt-get ${as} (${((Date.now() - started) / 1000).toFixed(0)}s)` },
  };
}

// -------------------------------------------------------------------------------------------
// Launching
// -------------------------------------------------------------------------------------------
async function tryLaunch(browserType, candidate, options) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'br-chromium-'));
  try {
    const context = await browserType.launchPersistentContext(userDataDir, {
      timeout: LAUNCH_TIMEOUT_MS,
      args: CHROMIUM_ARGS,
      ...options,
      executablePath: candidate.executablePath,
      headless: true,
      ...(candidate.env ? { env: candidate.env } : {}),
    });
    const version = context.browser() ? context.browser().version() : '';
    return { context, userDataDir, used: { ...candidate, version } };
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/** One line: which browser, where, and how it was found or brought. */
function describe(used) {
  return `browser: ${shortPath(used.executablePath)}${used.version ? ` (version ${used.version})` : ''}, ${used.how}`;
}

/**
 * Finds a Chromium-based browser (or brings one) and starts it with playwright-core's
 * `browserType.launchPersistentContext` in a fresh user data folder.
 *
 * @param browserType  playwright-core's `chromium`
 * @param options      launch options (viewport, ...; args default to CHROMIUM_ARGS); executablePath
 *                     and headless are set here
 * @param log          called with a line for anything worth telling (a browser that did not start,
 *                     an install in progress)
 * @returns {{context, userDataDir, used: {executablePath, how, version}}}; the caller closes the
 *          context and removes userDataDir
 */
async function launchChromium(browserType, options = {}, log = () => undefined) {
  const tried = [];
  const attempt = async (candidate, last = false) => {
    try {
      return await tryLaunch(browserType, candidate, options);
    } catch (err) {
      const why = launchFailure(err);
      tried.push(`${candidate.executablePath} (${candidate.how}) did not start: ${why}`);
      if (!last) log(`${shortPath(candidate.executablePath)} (${candidate.how}) did not start, trying the next: ${why.slice(0, 300)}`);
      return null;
    }
  };
  const fail = (intro, hint) => {
    const error = new Error(`${intro}\n${tried.map((t) => `  - ${t}`).join('\n')}\n${hint || (
      'Name a Chromium-based browser with BR_CHROMIUM=/path/to/chrome, install Google Chrome or Chromium, ' +
      `or run npm install (which brings ${BUNDLED_PACKAGE} on Linux x64).`)} See "Browser tests" in README.md.`);
    error.tried = tried;
    return error;
  };

  const named = fromEnvironment();
  if (named) {
    if (!isExecutable(named.executablePath)) {
      tried.push(`${named.executablePath} (${named.how}): not found or not executable`);
      throw fail('The browser named in the environment is not there:', `Correct it, or unset ${ENV_VARS.join(', ')} to let the tests find one.`);
    }
    const launched = await attempt(named, true);
    if (launched) return launched;
    throw fail('The browser named in the environment did not start:', `Name another, or unset ${ENV_VARS.join(', ')} to let the tests find one.`);
  }

  const seen = new Set();
  const found = [...fromPlaywright(), ...installedCandidates()].filter((c) => {
    const key = realPath(c.executablePath);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!found.length) tried.push('no Chromium-based browser found in Playwright\'s browsers or among the installed programs');
  for (const candidate of found) {
    const launched = await attempt(candidate);
    if (launched) return launched;
  }

  for (const bring of [bringBundled, bringWithApt]) {
    let result;
    try {
      result = await bring(log);
    } catch (err) {
      result = { skipped: `${bring.name} failed: ${(err && err.message) || err}` };
    }
    if (result.skipped) {
      tried.push(result.skipped);
      log(`not used: ${result.skipped}`);
      continue;
    }
    const launched = await attempt(result.candidate);
    if (launched) return launched;
  }
  throw fail('No Chromium-based browser could be found or brought:');
}

module.exports = { launchChromium, describe, CHROMIUM_ARGS, CACHE_DIR };

if (require.main === module) {
  const { chromium } = require('playwright-core');
  const started = Date.now();
  launchChromium(chromium, {}, (line) => console.log(`  ${line}`)).then(
    async ({ context, userDataDir, used }) => {
      console.log(describe(used));
      console.log(`started in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
    (err) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
