/// The last step of InstanSeg's post-processing: seeds whose masks overlap are merged.
///
/// Two seeds i, j are adjacent when `|Mi ∩ Mj| / min(|Mi|, |Mj|) > threshold` (intersection over minimum area,
/// `fast_sparse_intersection_over_minimum_area`), evaluated in float32. Each seed then takes the smallest
/// 1-based seed number reachable within 100 synchronous min-label sweeps (`find_connected_components`:
/// `label ← min(label, min over neighbours)`, all nodes at once, stopping early when nothing changes), and
/// every pixel's label (a 1-based seed number, 0 for background) is replaced by its seed's (`remap_values`).
///
/// Example: masks 1 = {a, b, c, d}, 2 = {c, d, e}, 3 = {x}; |M1 ∩ M2| / min(4, 3) = 2/3 > 0.3, so labels
/// 1 and 2 both become 1 and 3 stays 3.
enum OverlapMerging {
    /// `masks[i]` lists the image pixels (any order, no duplicates) of seed i's mask. Returns, for each seed,
    /// its merged 1-based label.
    static func mergedLabels(masks: [[Int32]], pixelCount: Int, threshold: Float,
                             maxIterations: Int = 100) -> [Int32] {
        let count = masks.count
        let edges = adjacency(masks: masks, pixelCount: pixelCount, threshold: threshold)
        return components(count: count, edges: edges, maxIterations: maxIterations)
    }

    /// Adjacency lists (i ≠ j) of the IoM graph.
    static func adjacency(masks: [[Int32]], pixelCount: Int, threshold: Float) -> [[Int32]] {
        let count = masks.count
        // Seeds covering each pixel, in ascending seed order (CSR).
        var start = [Int32](repeating: 0, count: pixelCount + 1)
        for mask in masks { for p in mask { start[Int(p) + 1] += 1 } }
        for i in 0..<pixelCount { start[i + 1] += start[i] }
        var fill = start
        var owners = [Int32](repeating: 0, count: Int(start[pixelCount]))
        for (seed, mask) in masks.enumerated() {
            for p in mask {
                owners[Int(fill[Int(p)])] = Int32(seed)
                fill[Int(p)] += 1
            }
        }
        var intersections: [Int: Int32] = [:]
        for p in 0..<pixelCount {
            let a = Int(start[p]), b = Int(start[p + 1])
            guard b - a > 1 else { continue }
            for i in a..<(b - 1) {
                for j in (i + 1)..<b {
                    intersections[Int(owners[i]) * count + Int(owners[j]), default: 0] += 1
                }
            }
        }
        var edges = [[Int32]](repeating: [], count: count)
        for (key, shared) in intersections {
            let i = key / count, j = key % count
            let smaller = Float(min(masks[i].count, masks[j].count))
            if Float(shared) / smaller > threshold {
                edges[i].append(Int32(j))
                edges[j].append(Int32(i))
            }
        }
        return edges
    }

    /// Synchronous min-label propagation over at most `maxIterations` sweeps; labels are 1-based.
    static func components(count: Int, edges: [[Int32]], maxIterations: Int) -> [Int32] {
        var labels = (0..<count).map { Int32($0 + 1) }
        var next = labels
        for _ in 0..<maxIterations {
            var changed = false
            for i in 0..<count {
                var smallest = labels[i]
                for j in edges[i] { smallest = min(smallest, labels[Int(j)]) }
                next[i] = smallest
                if smallest != labels[i] { changed = true }
            }
            swap(&labels, &next)
            if !changed { break }
        }
        return labels
    }
}
