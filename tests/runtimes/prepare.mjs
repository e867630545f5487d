// Packs pkg/ exactly as `npm publish` would (`npm pack`) and installs the tarball into a fresh
// consumer project under tests/runtimes/.tmp/project, so every runtime test sees what a user
// gets: the `files` list, the exports map, nothing from the source tree.
//
// Run by scripts/test before the runtime suites; the suites refuse to run without it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const tmp = path.join(here, '.tmp');
const project = path.join(tmp, 'project');

const started = Date.now();
fs.rmSync(tmp, { recursive: true, force: true });
fs.mkdirSync(project, { recursive: true });

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
const [packed] = JSON.parse(npm(['pack', path.join(root, 'pkg'), '--pack-destination', tmp, '--json'], root));
const tarball = path.join(tmp, packed.filename);

fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({
  name: 'hookseal-consumer',
  private: true,
  type: 'module',
  dependencies: { hookseal: `file:../${packed.filename}` },
}, null, 2) + '\n');
// The tarball has no dependencies: nothing is fetched from a registry.
npm(['install', '--offline', '--no-package-lock'], project);

// The consumer programs the suites run (handler, worker, pages, TypeScript consumer) live in
// the project, so `hookseal` resolves to the installed tarball and not to the dev symlink.
fs.cpSync(path.join(here, 'consumer'), path.join(project, 'consumer'), { recursive: true });
fs.cpSync(path.join(root, 'examples'), path.join(project, 'examples'), { recursive: true });

fs.writeFileSync(path.join(tmp, 'prepared.json'), JSON.stringify({
  tarball,
  files: packed.files.map((f) => f.path).sort(),
  version: packed.version,
  size: packed.size,
}, null, 2) + '\n');
console.log(`[runtimes] packed ${packed.filename} (${packed.size} B, ${packed.files.length} files) and installed it in ${path.relative(root, project)} in ${Date.now() - started} ms`);
