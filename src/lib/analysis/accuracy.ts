// Accuracy carried through analysis results: a result row is as accurate as its least accurate
// input (a distance to a schematic point is schematic), distances involving schematic geometry are
// shown approximate and rounded, and overlap slivers below a stated area can be hidden.

/** The three plan accuracies, most accurate first. */
export type RowAccuracy = 'boundary' | 'located' | 'schematic';
export const ROW_ACCURACIES: readonly RowAccuracy[] = ['boundary', 'located', 'schematic'];

const RANK: Record<RowAccuracy, number> = { boundary: 0, located: 1, schematic: 2 };

/** Default minimum overlap area (km²): smaller intersections are slivers of differently drawn borders. */
export const DEFAULT_MIN_AREA_KM2 = 0.1;

/**
 * Any accuracy code the app uses → one of the three. User features: imported data carries its own
 * file's coordinates (located); a drawing is schematic unless a cited source gave its coordinates;
 * analysis layers carry the accuracy they were made with. Unknown or empty codes count as schematic:
 * an unlabelled input must never make a row look better than it is.
 */
export function rowAccuracy(code: string | null | undefined): RowAccuracy {
  switch (code) {
    case 'boundary':
    case 'derived-boundary':
      return 'boundary';
    case 'located':
    case 'imported':
    case 'drawn-located':
    case 'derived-located':
      return 'located';
    default:
      return 'schematic';
  }
}

/** The least accurate of the inputs (schematic beats located beats boundary). */
export function leastAccurate(...codes: ReadonlyArray<string | null | undefined>): RowAccuracy {
  let worst: RowAccuracy = 'boundary';
  for (const c of codes) {
    const a = rowAccuracy(c);
    if (RANK[a] > RANK[worst]) worst = a;
  }
  return worst;
}

/**
 * A distance as shown: exact inputs give `digits` decimals; schematic ones are rounded (to 0.5 km
 * under 10 km, whole km above) and marked ≈, because a schematic point can be kilometres off.
 */
export function distanceDisplay(metres: number, accuracy: RowAccuracy, digits = 2): { km: number; approx: boolean } {
  const km = metres / 1000;
  if (accuracy !== 'schematic') return { km: round(km, digits), approx: false };
  return { km: km < 10 ? Math.round(km * 2) / 2 : Math.round(km), approx: true };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Digits a shown schematic distance keeps (0.5 steps need one). */
export const approxDigits = (km: number): number => (Number.isInteger(km) ? 0 : 1);

export interface RowFilter {
  /** drop rows whose accuracy is schematic */
  hideSchematic?: boolean;
  /** with `areaKey`: drop rows whose area (km²) is below this */
  minAreaKm2?: number;
  areaKey?: string;
  accuracyKey?: string;
}

/** The rows a result table shows, and how many each filter hid. */
export function filterResultRows<R extends Record<string, unknown>>(rows: readonly R[], f: RowFilter): { rows: R[]; hiddenSchematic: number; hiddenSmall: number } {
  const accKey = f.accuracyKey ?? 'accuracy';
  let hiddenSchematic = 0, hiddenSmall = 0;
  const out: R[] = [];
  for (const r of rows) {
    if (f.areaKey && f.minAreaKm2 !== undefined && f.minAreaKm2 > 0) {
      const a = r[f.areaKey];
      if (typeof a === 'number' && a < f.minAreaKm2) {
        hiddenSmall++;
        continue;
      }
    }
    if (f.hideSchematic && rowAccuracy(r[accKey] as string) === 'schematic') {
      hiddenSchematic++;
      continue;
    }
    out.push(r);
  }
  return { rows: out, hiddenSchematic, hiddenSmall };
}
