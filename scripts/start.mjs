#!/usr/bin/env node
/**
 * `npm start`: builds the app, then opens it in Electron when an Electron binary is there (or can
 * be fetched), otherwise in browser mode on 127.0.0.1. Says which mode started and why.
 *   npm start -- [--browser] [--archive DIR] [--data DIR] [--port N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.NEWSSTACK_BROWSER === '1';
const passThrough = args.filter((a) => a !== '--browser');

function say(line) {
  process.stdout.write(`[newsstack] ${line}\n`);
}

function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return existsSync(candidate) ? candidate : null;
  }
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron's package downloads its binary on first use; try that once, briefly, and report why not. */
function tryInstallElectron() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed (run npm ci)';
  say('no Electron binary yet: trying to download it once…');
  const result = spawnSync(process.execPath, [installer], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (result.status === 0 && electronBinary()) return null;
  const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|fail|ENOTFOUND|EAI_AGAIN|ECONN/i.test(l));
  return `the Electron binary could not be downloaded${detail ? ` (${detail.slice(0, 160)})` : ''}`;
}

function hasDesktop() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

say('building…');
const build = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (build.status !== 0) {
  say('the build failed; see the messages above.');
  process.exit(build.status ?? 1);
}

let reason;
let binary = null;
if (forceBrowser) reason = 'browser mode was asked for';
else {
  binary = electronBinary();
  if (!hasDesktop()) {
    reason = `there is no desktop display (DISPLAY and WAYLAND_DISPLAY are unset)${binary ? '' : ' and no Electron binary'}`;
    binary = null;
  } else if (!binary) {
    reason = tryInstallElectron();
    binary = reason ? null : electronBinary();
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

if (binary) {
  say(`starting the Electron app (${path.relative(root, binary) || binary})`);
  run(binary, [path.join(root, 'out', 'main', 'index.js'), ...passThrough]);
} else {
  say(`starting browser mode because ${reason}.`);
  run(process.execPath, [
    path.join(root, 'out', 'main', 'web.js'),
    ...(hasDesktop() ? ['--open'] : []),
    ...passThrough,
  ]);
}
