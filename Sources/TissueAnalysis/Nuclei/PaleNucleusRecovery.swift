import TMECore

/// Recovers pale nuclei of which only a fragment (the nucleolus, or a piece of the rim) reached the tile's
/// threshold.
///
/// A vesicular tumor nucleus is pale (dispersed chromatin) with a dark nucleolus. Where the tile's Otsu level lies
/// above its body (darker tumor nuclei in the same nest lift it), only the nucleolus is foreground: an orphan speck
/// that no distance-map seed reached, or a tiny object called "other", and the nucleus is lost (VALIDATION.md,
/// SIM-0042: bodies at 0.29–0.34 OD, nest cytoplasm 0.22, the tile's level 0.35). Candidates are the objects of at
/// most `maximumFragmentSquareMicrons` and the orphan foreground components of that size that touch no object.
/// Around each, with (cx, cy) its centroid:
/// - the body level `m` is the median of the unclaimed smoothed hematoxylin within `bodyRadiusMicrons`, the
///   background level `b` the median of the unclaimed pixels between `backgroundInnerMicrons` and
///   `backgroundOuterMicrons` (cytoplasm or stroma; other objects' pixels are left out of both);
/// - when the body stands out, `m − b ≥ minimumContrastOD`, the fragment grows (4-connected, into unclaimed pixels)
///   to the half-maximum contour `(m + b) / 2` of the body above its surroundings (the edge rule of
///   `BorderRefinement`: the 50 % point of a blurred step), and enclosed gaps (the pale centre) are filled;
/// - the grown object is kept only if it stays within `limitRadiusMicrons` of (cx, cy) (a nucleus, not cytoplasm or
///   stroma reached through a low level) and fills at least `minimumFill` of the disc through its farthest pixel,
///   centred on (cx, cy) (`compactnessCentre` `.fragment`: compact and centred on its fragment, as a nucleus is on
///   its nucleolus; a rim piece, or a nucleolus more than about a quarter of the radius off centre, is not grown) or
///   on its own centroid (`.object`: compact only). Otherwise the fragment stays as it was (and the size filter
///   drops it if tiny).
/// Cost: O(tile pixels) for the orphan labelling plus O(candidates × window pixels), the window being
/// 2·`backgroundOuterMicrons` square.
///
/// The radii follow nuclear sizes (tumor nuclei 8–15 µm across: the body disc of 4 µm stays inside the smallest,
/// the background annulus 9–12 µm lies in the cytoplasm around the largest). The limit and annulus were set on
/// SIM-0042-T1-HE (with a 7.5 µm limit and a 7–10 µm annulus most growths were rejected as leaks; 9 and 11 µm
/// gave about the same counts); the rest were not tuned. The centre was chosen per stain on measurements
/// (VALIDATION.md): on H&E, compactness about the object's own centroid grew 30 more pale tumor nuclei on
/// SIM-0038-T1-HE that read in the classifier's macrophage band (macrophages +21.4 %, over the 20 % target), so H&E
/// keeps `.fragment`; on a pale IHC counterstain the missed tumor nuclei show only as rim crescents, which
/// `.fragment` excludes by construction (SIM-0001-T1-PDL1 of the `QuantifyTests` cohort: tumor −12.0 % with
/// `.fragment`, −6.1 % with `.object`; the 8 demo PD-L1 slides stay within every target), so the IHC preset uses
/// `.object`.
public struct PaleNucleusRecovery: Sendable, Hashable, Codable {
    /// Fragments up to this area are candidates. µm², default 15 (a nucleolus or rim piece; lymphocyte nuclei are
    /// ≥ 20), range 1–100.
    public var maximumFragmentSquareMicrons: Double = 15
    /// Radius of the body disc around the fragment. µm, default 4, range 1–10.
    public var bodyRadiusMicrons: Double = 4
    /// Background annulus, inner and outer radius. µm, defaults 9 and 12, range 2–30 with inner < outer.
    public var backgroundInnerMicrons: Double = 9
    public var backgroundOuterMicrons: Double = 12
    /// The grown nucleus must stay within this distance of the fragment's centroid. µm, default 9, range 2–30.
    public var limitRadiusMicrons: Double = 9
    /// The body must exceed the background by this much. OD, default 0.04, range 0.005–1.
    public var minimumContrastOD: Double = 0.04
    /// Area over the disc through the farthest grown pixel. Default 0.5, range 0–1.
    public var minimumFill: Double = 0.5
    /// Where that disc is centred. `.fragment` (default, H&E): the grown nucleus must be centred on its fragment, so
    /// a rim piece or an eccentric nucleolus is not grown. `.object` (the IHC preset): on the grown object's own
    /// centroid, so a rim crescent grows into its nucleus.
    public var compactnessCentre: CompactnessCentre = .fragment

    public enum CompactnessCentre: String, Sendable, Hashable, Codable {
        case fragment, object
    }

    public init() {}

    /// Throws `invalidParameter` naming the first field outside its documented range.
    public func validate() throws {
        func check(_ ok: Bool, _ name: String, _ value: Double, _ expected: String) throws {
            guard ok, value.isFinite else {
                throw TissueAnalysisError.invalidParameter(name: "paleNucleusRecovery." + name, value: "\(value)", expected: expected)
            }
        }
        try check((1...100).contains(maximumFragmentSquareMicrons), "maximumFragmentSquareMicrons", maximumFragmentSquareMicrons, "1–100 µm²")
        try check((1...10).contains(bodyRadiusMicrons), "bodyRadiusMicrons", bodyRadiusMicrons, "1–10 µm")
        try check((2...30).contains(backgroundInnerMicrons), "backgroundInnerMicrons", backgroundInnerMicrons, "2–30 µm")
        try check((2...30).contains(backgroundOuterMicrons) && backgroundOuterMicrons > backgroundInnerMicrons,
                  "backgroundOuterMicrons", backgroundOuterMicrons, "2–30 µm and > backgroundInnerMicrons")
        try check((2...30).contains(limitRadiusMicrons), "limitRadiusMicrons", limitRadiusMicrons, "2–30 µm")
        try check((0.005...1).contains(minimumContrastOD), "minimumContrastOD", minimumContrastOD, "0.005–1 OD")
        try check((0...1).contains(minimumFill), "minimumFill", minimumFill, "0–1")
    }

    /// The radii in pixels of one calibration.
    struct Geometry {
        var maximumFragmentPixels: Int
        var bodyRadius: Float
        var backgroundInner: Float
        var backgroundOuter: Float
        var limitRadius: Float
        var minimumContrast: Float
        var minimumFill: Float
        var maximumHolePixels: Int
        var aboutObject = false
    }

    func geometry(_ calibration: PixelCalibration, maximumHoleSquareMicrons: Double) -> Geometry {
        Geometry(maximumFragmentPixels: Int(calibration.pixelCount(squareMicrons: maximumFragmentSquareMicrons)),
                 bodyRadius: Float(calibration.pixels(microns: bodyRadiusMicrons)),
                 backgroundInner: Float(calibration.pixels(microns: backgroundInnerMicrons)),
                 backgroundOuter: Float(calibration.pixels(microns: backgroundOuterMicrons)),
                 limitRadius: Float(calibration.pixels(microns: limitRadiusMicrons)),
                 minimumContrast: Float(minimumContrastOD), minimumFill: Float(minimumFill),
                 maximumHolePixels: Int(calibration.pixelCount(squareMicrons: maximumHoleSquareMicrons)),
                 aboutObject: compactnessCentre == .object)
    }

    /// Grows qualifying fragments in place; returns the new object count.
    /// Orphan fragments (foreground at `threshold` that no seed reached and that touches no object) are
    /// candidates too; they get labels after `count`.
    static func grow(labels: inout [Int32], count: Int, values: [Float], width w: Int, height h: Int,
                     threshold: Float, geometry g: Geometry) -> Int {
        var count = count
        let n = w * h
        // Orphans: 8-connected components of unclaimed foreground not touching any object.
        var orphan = [UInt8](repeating: 0, count: n)
        labels.withUnsafeBufferPointer { lab in
            values.withUnsafeBufferPointer { v in
                orphan.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n where lab[i] == 0 && v[i] >= threshold { o[i] = 1 }
                }
            }
        }
        let (parts, partCount) = ConnectedComponents.label(mask: orphan, width: w, height: h, eightConnected: true)
        if partCount > 0 {
            var touches = [Bool](repeating: false, count: partCount + 1), partSize = [Int](repeating: 0, count: partCount + 1)
            labels.withUnsafeBufferPointer { lab in
                parts.withUnsafeBufferPointer { pt in
                    for i in 0..<n where pt[i] != 0 {
                        let k = Int(pt[i]), x = i % w, y = i / w
                        partSize[k] += 1
                        for yy in max(0, y - 1)...min(h - 1, y + 1) {
                            for xx in max(0, x - 1)...min(w - 1, x + 1) where lab[yy * w + xx] > 0 { touches[k] = true }
                        }
                    }
                }
            }
            var map = [Int32](repeating: 0, count: partCount + 1)
            for k in 1...partCount where !touches[k] && partSize[k] <= g.maximumFragmentPixels {
                count += 1; map[k] = Int32(count)
            }
            parts.withUnsafeBufferPointer { pt in
                labels.withUnsafeMutableBufferPointer { lab in
                    for i in 0..<n where pt[i] != 0 && map[Int(pt[i])] != 0 { lab[i] = map[Int(pt[i])] }
                }
            }
        }
        guard count > 0 else { return 0 }
        var size = [Int](repeating: 0, count: count + 1)
        var sx = [Double](repeating: 0, count: count + 1), sy = sx
        labels.withUnsafeBufferPointer { lab in
            for y in 0..<h {
                let row = y * w
                for x in 0..<w where lab[row + x] != 0 {
                    let l = Int(lab[row + x])
                    size[l] += 1; sx[l] += Double(x); sy[l] += Double(y)
                }
            }
        }
        let reach = Int(g.backgroundOuter.rounded(.up))
        var body: [Float] = [], background: [Float] = []
        var grown: [Int] = [], queue: [Int] = [], mask: [UInt8] = [], before: [UInt8] = []
        for l in 1...count where size[l] > 0 && size[l] <= g.maximumFragmentPixels {
            let cx = Float(sx[l] / Double(size[l])), cy = Float(sy[l] / Double(size[l]))
            let x0 = max(0, Int(cx) - reach), x1 = min(w - 1, Int(cx) + reach)
            let y0 = max(0, Int(cy) - reach), y1 = min(h - 1, Int(cy) + reach)
            body.removeAll(keepingCapacity: true); background.removeAll(keepingCapacity: true)
            for y in y0...y1 {
                for x in x0...x1 {
                    let i = y * w + x, lab = labels[i]
                    guard lab == 0 || lab == Int32(l) else { continue }
                    let dx = Float(x) - cx, dy = Float(y) - cy, r2 = dx * dx + dy * dy
                    if r2 <= g.bodyRadius * g.bodyRadius { body.append(values[i]) }
                    else if r2 >= g.backgroundInner * g.backgroundInner && r2 <= g.backgroundOuter * g.backgroundOuter {
                        background.append(values[i])
                    }
                }
            }
            guard body.count >= 8, background.count >= 8 else { continue }
            let m = median(&body), b = median(&background)
            guard m - b >= g.minimumContrast else { continue }
            let level = (m + b) / 2
            // Breadth-first growth from the fragment; pixels are marked with -l while growing so a failed
            // attempt can be undone.
            grown.removeAll(keepingCapacity: true); queue.removeAll(keepingCapacity: true)
            for y in y0...y1 { for x in x0...x1 where labels[y * w + x] == Int32(l) { queue.append(y * w + x) } }
            var head = 0, leaked = false, farthest: Float = 0
            let limit2 = g.limitRadius * g.limitRadius
            func visit(_ q: Int) {
                guard !leaked, labels[q] == 0, values[q] >= level else { return }
                let dx = Float(q % w) - cx, dy = Float(q / w) - cy, r2 = dx * dx + dy * dy
                if r2 > limit2 { leaked = true; return }
                farthest = max(farthest, r2)
                labels[q] = -Int32(l); grown.append(q); queue.append(q)
            }
            while head < queue.count && !leaked {
                let p = queue[head]; head += 1
                let px = p % w, py = p / w
                if px > 0 { visit(p - 1) }
                if px < w - 1 { visit(p + 1) }
                if py > 0 { visit(p - w) }
                if py < h - 1 { visit(p + w) }
            }
            if leaked {
                for q in grown { labels[q] = 0 }
                continue
            }
            for q in grown { labels[q] = Int32(l) }
            // Fill enclosed unclaimed gaps of the object inside its window.
            let bw = x1 - x0 + 1, bh = y1 - y0 + 1
            mask.removeAll(keepingCapacity: true)
            mask.append(contentsOf: repeatElement(0, count: bw * bh))
            for y in 0..<bh { for x in 0..<bw where labels[(y0 + y) * w + x0 + x] == Int32(l) { mask[y * bw + x] = 1 } }
            before.removeAll(keepingCapacity: true)
            before.append(contentsOf: mask)
            ConnectedComponents.fillHoles(&mask, width: bw, height: bh, maximumHolePixels: g.maximumHolePixels)
            var area = 0
            for k in 0..<mask.count where mask[k] == 1 {
                area += 1
                let i = (y0 + k / bw) * w + x0 + k % bw
                if before[k] == 0 && labels[i] == 0 { labels[i] = Int32(l); grown.append(i) }
            }
            if g.aboutObject {
                var mx: Float = 0, my: Float = 0
                for k in 0..<mask.count where mask[k] == 1 { mx += Float(k % bw); my += Float(k / bw) }
                mx /= Float(max(1, area)); my /= Float(max(1, area))
                farthest = 0
                for k in 0..<mask.count where mask[k] == 1 {
                    let dx = Float(k % bw) - mx, dy = Float(k / bw) - my
                    farthest = max(farthest, dx * dx + dy * dy)
                }
            }
            let fill = Float(area) / (Float.pi * max(1, farthest))
            if fill < g.minimumFill {
                for q in grown { labels[q] = 0 }
                continue
            }
        }
        return count
    }

    private static func median(_ a: inout [Float]) -> Float {
        a.withUnsafeMutableBufferPointer { BorderRefinement.select($0.count / 2, in: $0, from: 0, to: $0.count - 1) }
    }
}
