/// Seeds by InstanSeg's `torch_peak_local_max`: the pixels that a (2d+1)² max-pool with stride 1 and padding d
/// names as the argmax of their own window, and whose value exceeds a threshold.
///
/// Rule, exactly as PyTorch's CPU max-pool: within the window (clipped to the image) the argmax is the first
/// pixel in row-major order holding the maximum, and a NaN anywhere makes the last NaN the argmax. So a pixel p
/// is a peak iff `v[p] > threshold`, every window pixel before p (row-major) is `< v[p]`, every pixel after p
/// is `≤ v[p]`, and the window holds no NaN. On a plateau only the first plateau pixel can be a peak.
/// Peaks are returned in row-major order (`torch.nonzero`).
///
/// Example (d = 1, threshold 0): in `[[1, 3, 3], [0, 2, 1]]` the peak is (0, 1) only — (0, 2) ties with the
/// earlier (0, 1).
enum PeakLocalMaxima {
    struct Peak: Hashable, Sendable {
        var y: Int
        var x: Int
    }

    static func find(in image: [Float], height: Int, width: Int, distance d: Int, threshold: Float) -> [Peak] {
        var peaks: [Peak] = []
        image.withUnsafeBufferPointer { v in
            for y in 0..<height {
                for x in 0..<width {
                    let value = v[y * width + x]
                    guard value > threshold else { continue }
                    if isArgmax(v, y: y, x: x, value: value, height: height, width: width, distance: d) {
                        peaks.append(Peak(y: y, x: x))
                    }
                }
            }
        }
        return peaks
    }

    @inline(__always)
    private static func isArgmax(_ v: UnsafeBufferPointer<Float>, y: Int, x: Int, value: Float,
                                 height: Int, width: Int, distance d: Int) -> Bool {
        let y0 = max(y - d, 0), y1 = min(y + d + 1, height)
        let x0 = max(x - d, 0), x1 = min(x + d + 1, width)
        for yy in y0..<y1 {
            let row = yy * width
            for xx in x0..<x1 {
                let q = v[row + xx]
                if q.isNaN { return false }
                let before = yy < y || (yy == y && xx < x)
                if before ? q >= value : q > value { return false }
            }
        }
        return true
    }
}
