/// One-to-one matching of detections to true cells within a radius.
///
/// Rule: every (detection, truth) pair closer than `radiusPixels` is a candidate; candidates are taken in
/// ascending distance (ties by truth index, then detection index) and kept when neither side is matched yet —
/// the greedy matching used by nucleus-detection challenges (e.g. the MoNuSAC/CoNIC "paired" points at a fixed
/// radius). Detections left over are false positives, true cells left over false negatives;
/// F1 = 2·TP / (2·TP + FP + FN). Candidate pairs are found through a grid of radius-sized buckets
/// (linear time for bounded density).
///
/// Example (repeated in `QuantifyValidationTests`): truth at (0,0) and (10,0), detections at (1,0), (9,0) and
/// (50,50) with radius 4 → 2 matches, 1 FP, 0 FN, F1 = 0.8.
public enum DetectionMatching {
    /// Index pairs (detection, truth) of the matching.
    public static func match(detections: [(Double, Double)], truth: [(Double, Double)], radiusPixels r: Double) -> [(Int, Int)] {
        guard r > 0, !detections.isEmpty, !truth.isEmpty else { return [] }
        var buckets: [Int64: [Int]] = [:]
        func key(_ x: Double, _ y: Double) -> (Int64, Int64) { (Int64((x / r).rounded(.down)), Int64((y / r).rounded(.down))) }
        for (i, t) in truth.enumerated() {
            let (kx, ky) = key(t.0, t.1)
            buckets[kx &* 1_000_003 &+ ky, default: []].append(i)
        }
        var candidates: [(Double, Int, Int)] = []
        for (d, p) in detections.enumerated() {
            let (kx, ky) = key(p.0, p.1)
            for dx in -1...1 { for dy in -1...1 {
                for t in buckets[(kx + Int64(dx)) &* 1_000_003 &+ (ky + Int64(dy))] ?? [] {
                    let ex = p.0 - truth[t].0, ey = p.1 - truth[t].1
                    let dist = (ex * ex + ey * ey).squareRoot()
                    if dist <= r { candidates.append((dist, t, d)) }
                }
            } }
        }
        candidates.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var usedD = [Bool](repeating: false, count: detections.count), usedT = [Bool](repeating: false, count: truth.count)
        var pairs: [(Int, Int)] = []
        for (_, t, d) in candidates where !usedD[d] && !usedT[t] {
            usedD[d] = true; usedT[t] = true
            pairs.append((d, t))
        }
        return pairs
    }
}
