import TMECore

/// Splits objects larger than the largest plausible nucleus by segmenting them again at their own
/// level, instead of dropping them.
///
/// Where nest cytoplasm takes up hematoxylin (≈ 0.1 OD) and tumor nuclei are pale (≈ 0.2–0.3 OD), the
/// tile's Otsu threshold joins neighbouring nuclei through their cytoplasm into one clump above
/// `maximumAreaSquareMicrons`; the size filter then removed whole nests of tumor cells. Inside such a
/// clump the smoothed hematoxylin is bimodal (nuclei vs the cytoplasm bridging them), so Otsu's
/// threshold of the clump's own values separates them; the parts are then split as in the main pass
/// (distance transform, maxima seeds, watershed with the h-dynamics merge). Parts still too large are
/// left for the size filter.
enum ClumpResegmentation {
    /// Relabels in place every object of more than `maximumPixels` pixels and returns the new object
    /// count (labels stay consecutive: the clump's parts replace it at the end of the numbering).
    static func split(labels: inout [Int32], count: Int, smoothed: [Float], width: Int, height: Int,
                      maximumPixels: Double, minimumSeedRadius: Float, mergeDepth: Float,
                      maximumHolePixels: Int, globalThreshold: Float) -> Int {
        guard count > 0 else { return 0 }
        var size = [Int](repeating: 0, count: count + 1)
        var minX = [Int](repeating: .max, count: count + 1), maxX = [Int](repeating: -1, count: count + 1)
        var minY = [Int](repeating: .max, count: count + 1), maxY = [Int](repeating: -1, count: count + 1)
        for y in 0..<height {
            for x in 0..<width {
                let l = Int(labels[y * width + x])
                guard l != 0 else { continue }
                size[l] += 1
                minX[l] = min(minX[l], x); maxX[l] = max(maxX[l], x)
                minY[l] = min(minY[l], y); maxY[l] = max(maxY[l], y)
            }
        }
        let clumps = (1...count).filter { Double(size[$0]) > maximumPixels }
        guard !clumps.isEmpty else { return count }
        var next = Int32(count)
        for l in clumps {
            let bw = maxX[l] - minX[l] + 1, bh = maxY[l] - minY[l] + 1
            var values: [Float] = []
            values.reserveCapacity(size[l])
            for y in 0..<bh {
                for x in 0..<bw {
                    let i = (minY[l] + y) * width + minX[l] + x
                    if labels[i] == Int32(l) { values.append(smoothed[i]) }
                }
            }
            let level = max(OtsuThreshold.threshold(values), globalThreshold)
            var mask = [UInt8](repeating: 0, count: bw * bh)
            for y in 0..<bh {
                for x in 0..<bw {
                    let i = (minY[l] + y) * width + minX[l] + x
                    if labels[i] == Int32(l) && smoothed[i] >= level { mask[y * bw + x] = 1 }
                }
            }
            ConnectedComponents.fillHoles(&mask, width: bw, height: bh, maximumHolePixels: maximumHolePixels)
            let distance = DistanceTransform.euclidean(mask: mask, width: bw, height: bh)
            let (seeds, seedCount) = NucleusDetector.seeds(distance: distance, width: bw, height: bh, minimumRadius: minimumSeedRadius)
            let (parts, partCount) = Watershed.flood(heights: distance, mask: mask, seeds: seeds, seedCount: seedCount,
                                                     width: bw, height: bh, mergeDepth: mergeDepth)
            // The clump's pixels go to its parts (new labels after the current ones) or to background.
            for y in 0..<bh {
                for x in 0..<bw {
                    let i = (minY[l] + y) * width + minX[l] + x
                    guard labels[i] == Int32(l) else { continue }
                    let part = parts[y * bw + x]
                    labels[i] = part == 0 ? 0 : next + part
                }
            }
            next += Int32(partCount)
        }
        return compact(&labels, count: Int(next))
    }

    /// Renumbers labels 1…n in order of first use of the surviving ones (the clumps' old numbers are gone).
    private static func compact(_ labels: inout [Int32], count: Int) -> Int {
        var present = [Bool](repeating: false, count: count + 1)
        for l in labels where l != 0 { present[Int(l)] = true }
        var map = [Int32](repeating: 0, count: count + 1)
        var kept: Int32 = 0
        for l in 1...max(count, 1) where l <= count && present[l] {
            kept += 1
            map[l] = kept
        }
        labels.withUnsafeMutableBufferPointer { lab in
            for i in 0..<lab.count where lab[i] != 0 { lab[i] = map[Int(lab[i])] }
        }
        return Int(kept)
    }
}
