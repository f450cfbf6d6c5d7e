"""TopoJSON decoding for the project's Python reference scripts, without a topojson library (so the references
stay independent of the app's code): arcs are delta-encoded on the quantization grid."""


def decode(topo):
    """(ring, point) for a quantized topology: ring(arc ids) → [(lon, lat)…], point([x, y]) → (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(ids):
        out = []
        for i in ids:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out

    def point(p):
        return (p[0] * sx + tx, p[1] * sy + ty)

    return ring, point
