#!/usr/bin/env python3
"""Independent class breaks for the choropleth tests (tests/unit/table/classify.test.ts).

jenkspy and mapclassify cannot be installed here (no PyPI), so natural breaks are computed from their
definition: the grouping of the sorted values into k contiguous classes with the least total within-class sum of
squared deviations (Fisher 1958; what Jenks natural breaks optimise). Fisher's dynamic programme gives it for
k = 3..9, and an exhaustive search over every split confirms it for k = 3..4 (the search is C(n-1, k-1) splits).
Quantiles are numpy's default (linear, R type 7); equal intervals are numpy.linspace(min, max, k + 1).
Also the documented example of jenkspy's README: [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3], 3
classes → [1.2, 2.3, 5.0, 7.8].

Input: tests/fixtures/table/county-gdp.csv (TEST DATA from scripts/table/county-gdp-fixture.ts).
Output: tests/fixtures/table/class-breaks.json. Run: /usr/bin/python3 scripts/reference/class-breaks.py
"""
import csv
import itertools
import json
import numpy as np

IN = 'tests/fixtures/table/county-gdp.csv'
OUT = 'tests/fixtures/table/class-breaks.json'


def ssd(x, i, j):
    seg = x[i:j]
    return float(((seg - seg.mean()) ** 2).sum())


def fisher(x, k):
    """Optimal k-class breaks of sorted x by dynamic programming over class ends."""
    n = len(x)
    inf = float('inf')
    cost = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    cost[0][0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            for i in range(c - 1, j):
                v = cost[c - 1][i] + ssd(x, i, j)
                if v < cost[c][j] - 1e-9:
                    cost[c][j] = v
                    back[c][j] = i
    ends, j = [], n
    for c in range(k, 0, -1):
        ends.append(j)
        j = back[c][j]
    ends.reverse()
    return [float(x[0])] + [float(x[e - 1]) for e in ends], cost[k][n]


def exhaustive(x, k):
    n = len(x)
    best, best_cuts = float('inf'), None
    for cuts in itertools.combinations(range(1, n), k - 1):
        bounds = (0,) + cuts + (n,)
        v = sum(ssd(x, bounds[a], bounds[a + 1]) for a in range(k))
        if v < best - 1e-9:
            best, best_cuts = v, bounds
    return [float(x[0])] + [float(x[b - 1]) for b in best_cuts[1:]], best


def main():
    with open(IN, encoding='utf-8-sig') as f:
        values = [float(r['gdp_test']) for r in csv.DictReader(f)]
    x = np.sort(np.array(values))
    out = {'source': IN, 'note': 'test data: invented values', 'values': values, 'classes': {}}
    for k in range(3, 10):
        nat, cost = fisher(x, k)
        if k <= 4:
            ex, ex_cost = exhaustive(x, k)
            assert abs(ex_cost - cost) < 1e-6 and ex == nat, (k, ex, nat)
        out['classes'][str(k)] = {
            'naturalBreaks': nat,
            'naturalBreaksSsd': cost,
            'quantile': [float(v) for v in np.quantile(x, np.linspace(0, 1, k + 1))],
            'equalInterval': [float(v) for v in np.linspace(x[0], x[-1], k + 1)],
        }
    readme = np.sort(np.array([1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]))
    nat, _ = fisher(readme, 3)
    assert nat == [1.2, 2.3, 5.0, 7.8], nat
    out['jenkspyReadme'] = {'values': [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3], 'k': 3, 'naturalBreaks': nat}
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print(f'{len(values)} values, k = 3..9 → {OUT}')


if __name__ == '__main__':
    main()
