import Foundation

/// Per-object measurements of a label image: the region properties of `Nucleus`.
///
/// - Area: pixel count × (µm/px)².
/// - Perimeter (Cauchy–Crofton over 0°, 45°, 90°, 135°): with n_d the number of object-pixel edges crossed by
///   lines in direction d (object pixel whose neighbour along ±d is not in the object),
///   P = (π/8)·(n₀ + n₉₀ + (n₄₅ + n₁₃₅)/√2) pixels. Exact in the limit for convex shapes, within 2 % for a
///   digital disc of radius ≥ 5 px (Lehmann & Legland, "Efficient N-dimensional surface estimation using
///   Crofton formula and run-length encoding", 2012).
/// - Circularity 4πA/P² (clipped at 1); eccentricity and axes from the second central moments (scikit-image's
///   `regionprops` conventions: axis = 4√λ).
/// - Solidity: pixel count / pixel count of the filled convex hull of the pixel centres; the latter is exact by
///   Pick's theorem, A_hull + B/2 + 1 with B = Σ gcd(|Δx|, |Δy|) over the hull edges.
enum NucleusMeasurement {
    static func measure(labels: [Int32], count: Int, rings: [Int32], densities: StainDensities,
                        calibration: PixelCalibration, originX: Int, originY: Int) -> [Nucleus] {
        guard count > 0, let hPlane = densities.plane(.hematoxylin) else { return [] }
        let w = hPlane.width, h = hPlane.height
        let zero = [Float](repeating: 0, count: hPlane.values.count)
        let eosin = densities.plane(.eosin)?.values ?? zero, dab = densities.plane(.dab)?.values ?? zero
        var a = Accumulators(count: count)
        // One raster pass: moments, intensities, Crofton crossings, row extents (for the hull), ring sums.
        let f = Accumulators.fields
        var sums = [Double](repeating: 0, count: (count + 1) * f)
        var crossings = [Int](repeating: 0, count: (count + 1) * 2)
        labels.withUnsafeBufferPointer { lab in
            rings.withUnsafeBufferPointer { ring in
                hPlane.values.withUnsafeBufferPointer { hv in
                    eosin.withUnsafeBufferPointer { ev in
                        dab.withUnsafeBufferPointer { dv in
                            sums.withUnsafeMutableBufferPointer { acc in
                                crossings.withUnsafeMutableBufferPointer { cross in
                            for y in 0..<h {
                                let row = y * w
                                for x in 0..<w {
                                    let i = row + x
                                    let r = Int(ring[i])
                                    if r != 0 {
                                        let b = r * f
                                        acc[b + 9] += 1; acc[b + 10] += Double(hv[i])
                                        acc[b + 11] += Double(ev[i]); acc[b + 12] += Double(dv[i])
                                    }
                                    let l32 = lab[i]
                                    guard l32 != 0 else { continue }
                                    let l = Int(l32), b = l * f
                                    let fx = Double(x), fy = Double(y), hvalue = Double(hv[i])
                                    acc[b] += 1; acc[b + 1] += fx; acc[b + 2] += fy
                                    acc[b + 3] += fx * fx; acc[b + 4] += fy * fy; acc[b + 5] += fx * fy
                                    acc[b + 6] += hvalue; acc[b + 7] += hvalue * hvalue; acc[b + 8] += Double(dv[i])
                                    let left = x > 0, right = x < w - 1, up = y > 0, down = y < h - 1
                                    var axial = 0, diagonal = 0
                                    if !right || lab[i + 1] != l32 { axial += 1 }
                                    if !left || lab[i - 1] != l32 { axial += 1 }
                                    if !down || lab[i + w] != l32 { axial += 1 }
                                    if !up || lab[i - w] != l32 { axial += 1 }
                                    if !(right && down) || lab[i + w + 1] != l32 { diagonal += 1 }
                                    if !(left && up) || lab[i - w - 1] != l32 { diagonal += 1 }
                                    if !(right && up) || lab[i - w + 1] != l32 { diagonal += 1 }
                                    if !(left && down) || lab[i + w - 1] != l32 { diagonal += 1 }
                                    cross[2 * l] += axial; cross[2 * l + 1] += diagonal
                                    if axial > 0 || diagonal > 0 {
                                        if !left || !right || !up || !down { a.edge[l] = true }
                                        // Row extent (only boundary pixels can be extremes): raster order sees
                                        // each row's leftmost pixel first.
                                        let s = a.lastSegment[l]
                                        if s >= 0 && a.segmentRow[s] == Int32(y) { a.segmentMax[s] = Int32(x) } else {
                                            a.lastSegment[l] = a.segmentRow.count
                                            a.segmentRow.append(Int32(y)); a.segmentMin.append(Int32(x)); a.segmentMax.append(Int32(x))
                                            a.segmentLabel.append(l32)
                                        }
                                    }
                                }
                            }
                                }
                            }
                        }
                    }
                }
            }
        }
        a.load(sums: sums, crossings: crossings, count: count)
        let hulls = a.convexPixelCounts(count: count)
        let mpp = calibration.micronsPerPixel
        var nuclei: [Nucleus] = []
        nuclei.reserveCapacity(count)
        for l in 1...count {
            let n = a.n[l]
            guard n > 0 else { continue }
            let cx = a.sx[l] / n, cy = a.sy[l] / n
            let mu20 = a.sxx[l] / n - cx * cx, mu02 = a.syy[l] / n - cy * cy, mu11 = a.sxy[l] / n - cx * cy
            let half = (mu20 + mu02) / 2, root = (((mu20 - mu02) / 2) * ((mu20 - mu02) / 2) + mu11 * mu11).squareRoot()
            let l1 = max(0, half + root), l2 = max(0, half - root)
            let perimeter = Double.pi / 8 * (Double(a.axial[l]) + Double(a.diagonal[l]) / 2.squareRoot())
            let mean = a.sh[l] / n
            let ringN = max(a.ringCount[l], 1)
            nuclei.append(Nucleus(
                xPixels: Double(originX) + cx + 0.5, yPixels: Double(originY) + cy + 0.5,
                xMicrons: (Double(originX) + cx + 0.5) * mpp, yMicrons: (Double(originY) + cy + 0.5) * mpp,
                areaSquareMicrons: n * mpp * mpp,
                perimeterMicrons: perimeter * mpp,
                circularity: perimeter > 0 ? min(1, 4 * Double.pi * n / (perimeter * perimeter)) : 0,
                eccentricity: l1 > 0 ? (1 - l2 / l1).squareRoot() : 0,
                solidity: min(1, n / hulls[l]),
                majorAxisMicrons: 4 * l1.squareRoot() * mpp, minorAxisMicrons: 4 * l2.squareRoot() * mpp,
                hematoxylinMean: mean, hematoxylinStd: max(0, a.shh[l] / n - mean * mean).squareRoot(),
                ringEosinMean: a.ringE[l] / ringN, ringHematoxylinMean: a.ringH[l] / ringN,
                nucleusDABMean: a.sd[l] / n, ringDABMean: a.ringD[l] / ringN,
                ringAreaSquareMicrons: a.ringCount[l] * mpp * mpp, touchesTileEdge: a.edge[l]))
        }
        return nuclei
    }

    /// Per-label sums of one raster pass.
    struct Accumulators {
        var n, sx, sy, sxx, syy, sxy, sh, shh, sd: [Double]
        var ringCount, ringH, ringE, ringD: [Double]
        var axial, diagonal: [Int]
        var edge: [Bool]
        var lastSegment: [Int]
        var segmentRow: [Int32] = [], segmentMin: [Int32] = [], segmentMax: [Int32] = [], segmentLabel: [Int32] = []

        init(count: Int) {
            let z = [Double](repeating: 0, count: count + 1)
            n = z; sx = z; sy = z; sxx = z; syy = z; sxy = z; sh = z; shh = z; sd = z
            ringCount = z; ringH = z; ringE = z; ringD = z
            axial = [Int](repeating: 0, count: count + 1); diagonal = axial
            edge = [Bool](repeating: false, count: count + 1)
            lastSegment = [Int](repeating: -1, count: count + 1)
        }

        /// Sums per label in the flat buffer: n, Σx, Σy, Σx², Σy², Σxy, ΣH, ΣH², ΣDAB, then ring n, ΣH, ΣE, ΣDAB.
        static let fields = 13

        mutating func load(sums: [Double], crossings: [Int], count: Int) {
            let f = Self.fields
            for l in 0...count {
                let b = l * f
                n[l] = sums[b]; sx[l] = sums[b + 1]; sy[l] = sums[b + 2]; sxx[l] = sums[b + 3]; syy[l] = sums[b + 4]
                sxy[l] = sums[b + 5]; sh[l] = sums[b + 6]; shh[l] = sums[b + 7]; sd[l] = sums[b + 8]
                ringCount[l] = sums[b + 9]; ringH[l] = sums[b + 10]; ringE[l] = sums[b + 11]; ringD[l] = sums[b + 12]
                axial[l] = crossings[2 * l]; diagonal[l] = crossings[2 * l + 1]
            }
        }

        /// Lattice points of each label's convex hull, from its row extents.
        func convexPixelCounts(count: Int) -> [Double] {
            var start = [Int](repeating: 0, count: count + 2)
            for l in segmentLabel { start[Int(l) + 1] += 1 }
            for l in 0...count { start[l + 1] += start[l] }
            var fill = start
            var order = [Int](repeating: 0, count: segmentLabel.count)
            for (s, l) in segmentLabel.enumerated() { order[fill[Int(l)]] = s; fill[Int(l)] += 1 }
            var result = [Double](repeating: 1, count: count + 1)
            var points: [(Int, Int)] = []
            for l in 1...count where start[l + 1] > start[l] {
                points.removeAll(keepingCapacity: true)
                for k in start[l]..<start[l + 1] {
                    let s = order[k]
                    points.append((Int(segmentMin[s]), Int(segmentRow[s])))
                    if segmentMax[s] != segmentMin[s] { points.append((Int(segmentMax[s]), Int(segmentRow[s]))) }
                }
                result[l] = NucleusMeasurement.latticePointsInHull(&points)
            }
            return result
        }
    }

    /// Lattice points inside or on the convex hull of `points` (Andrew's monotone chain, then Pick's theorem
    /// A + B/2 + 1 with B = Σ gcd(|Δx|, |Δy|) over the edges). Sorts `points`.
    static func latticePointsInHull(_ points: inout [(Int, Int)]) -> Double {
        points.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var unique: [(Int, Int)] = []
        unique.reserveCapacity(points.count)
        for p in points where unique.last.map({ $0 != p }) ?? true { unique.append(p) }
        guard unique.count > 2 else {
            if unique.count == 2 { return Double(gcd(abs(unique[1].0 - unique[0].0), abs(unique[1].1 - unique[0].1)) + 1) }
            return Double(unique.count)
        }
        func cross(_ o: (Int, Int), _ a: (Int, Int), _ b: (Int, Int)) -> Int {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var hull: [(Int, Int)] = []
        for p in unique {
            while hull.count >= 2 && cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 { hull.removeLast() }
            hull.append(p)
        }
        let lower = hull.count + 1
        for p in unique.reversed().dropFirst() {
            while hull.count >= lower && cross(hull[hull.count - 2], hull[hull.count - 1], p) <= 0 { hull.removeLast() }
            hull.append(p)
        }
        hull.removeLast()
        var twiceArea = 0, boundary = 0
        for i in 0..<hull.count {
            let a = hull[i], b = hull[(i + 1) % hull.count]
            twiceArea += a.0 * b.1 - b.0 * a.1
            boundary += gcd(abs(b.0 - a.0), abs(b.1 - a.1))
        }
        return Double(abs(twiceArea)) / 2 + Double(boundary) / 2 + 1
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var a = a, b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
