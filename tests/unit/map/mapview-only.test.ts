// MapView is the only MapLibre toucher (eslint.config.js, docs/layout.md): the import rule fires outside
// src/map/mapView*.ts and nowhere else, and no source outside MapView reaches for its private map.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function mapLibreErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('MapView is the only MapLibre toucher', { timeout: 30_000 }, () => {
  it.each([
    ['src/map/story/x.ts', "import { Marker } from 'maplibre-gl';\nexport const m = Marker;"],
    ['src/map/x.ts', "import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';\nexport const a = TerraDrawMapLibreGLAdapter;"],
    ['src/ui/x.ts', "import { MapLibreOverlay } from '@deck.gl/maplibre';\nexport const o = MapLibreOverlay;"],
    ['src/map/x.ts', "import css from 'maplibre-gl/dist/maplibre-gl.css?url';\nexport const c = css;"],
  ])('%s: refuses %j', async (path, code) => {
    expect((await mapLibreErrors(path, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['src/map/mapView.ts', "import { Marker } from 'maplibre-gl';\nexport const m = Marker;"],
    ['src/map/mapViewImage.ts', "import { Map } from 'maplibre-gl';\nexport const m = Map;"],
    ['src/map/planLayers.ts', "import type { LayerSpecification } from 'maplibre-gl';\nexport const l: LayerSpecification[] = [];"],
  ])('%s: allows %j', async (path, code) => {
    expect(await mapLibreErrors(path, code)).toEqual([]);
  });

  it('no source outside src/map/mapView*.ts reads a MapView’s .map', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|svelte)$/.test(e.name) && !/^mapView.*\.ts$/.test(e.name)) files.push(p);
      }
    };
    walk('src');
    expect(files.length).toBeGreaterThan(50);
    // `view.map`, `mapView.map`, `v.map`, `ctx.view?.map` not followed by a call (Array#map is `.map(`)
    const reach = /\b(mapView|view|v)\??\.map\b(?!\s*\()/;
    const hits = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => (reach.test(line) ? `${f}:${i + 1}: ${line.trim()}` : '')).filter(Boolean));
    expect(hits).toEqual([]);
  });
});
