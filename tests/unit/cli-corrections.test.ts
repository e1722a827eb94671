import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CorrectionsImportReport } from '../../src/shared/corrections-types';
import type { ArticleView, TextRevision } from '../../src/shared/types';
import { cli } from './helpers/cli';
import { tempDir } from './helpers/tmp';

/** `correct-text`, `history` and `corrections export|import` from the command line. */
describe('CLI text corrections', () => {
  it('corrects a text from a file, shows the history, and carries it to another data folder', async () => {
    const archive = tempDir();
    mkdirSync(path.join(archive, '2023'));
    writeFileSync(
      path.join(archive, '2023', '2023-05-06_江北报_01.txt'),
      '江北区项目签约\n\n本报讯 昨日，重夫市江北区举行项目签约仪式，总投资86亿无。\n',
    );
    const data = tempDir();
    const base = ['--archive', archive, '--data', data];
    const found = await cli(['search', '项目签约', ...base, '--json']);
    expect(found.code, found.stderr).toBe(0);
    const [{ id }] = (JSON.parse(found.stdout) as { hits: { id: string }[] }).hits;
    const printed = (JSON.parse((await cli(['article', id, ...base, '--json'])).stdout) as ArticleView).text;

    const fixedFile = path.join(tempDir(), 'fixed.txt');
    writeFileSync(fixedFile, printed.replace('重夫市', '重庆市').replace('亿无', '亿元'));
    const corrected = await cli(['correct-text', id, '--file', fixedFile, '--note', '对照原版', ...base]);
    expect(corrected.code, corrected.stderr).toBe(0);
    expect(corrected.stdout).toContain('重庆市江北区');

    const history = await cli(['history', id, ...base]);
    expect(history.stdout).toContain('对照原版');
    expect(history.stdout).toContain('「夫」 → 「庆」');
    expect(history.stdout).toContain('「无」 → 「元」');
    const json = JSON.parse((await cli(['history', id, ...base, '--json'])).stdout) as TextRevision[];
    expect(json).toHaveLength(1);

    // Neither a file nor --restore, or both: a usage error that says what is needed.
    const neither = await cli(['correct-text', id, ...base]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--file FILE');

    const out = path.join(tempDir(), 'corrections.json');
    expect((await cli(['corrections', 'export', '--out', out, ...base])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"format": "newsstack-corrections"');
    const other = ['--archive', archive, '--data', tempDir()];
    const imported = await cli(['corrections', 'import', out, ...other, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout) as CorrectionsImportReport).toMatchObject({
      changed: 1,
      revisionsAdded: 1,
    });
    const there = await cli(['search', '"重庆市江北区"', ...other, '--json']);
    expect((JSON.parse(there.stdout) as { total: number }).total).toBe(1);

    const restored = await cli(['correct-text', id, '--restore', ...base, '--json']);
    expect((JSON.parse(restored.stdout) as ArticleView).text).toBe(printed);
    const broken = await cli(['corrections', 'import', fixedFile, ...base]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/cannot import corrections: not a JSON file/u);
  });
});
