import COpenBLAS
import Foundation

/// A channel-major (C×H×W) feature map in a workspace buffer, as read by a convolution: directly,
/// through a 2×2 max pool (stride 2), or through nearest-neighbour ×2 upsampling. Pooling and
/// upsampling happen row by row while the convolution gathers its input, so neither result is
/// ever stored whole.
struct FeatureSource {
    enum Access { case direct, maxPooled, upsampled }

    let base: UnsafePointer<Float>
    let channels: Int
    /// Stored size.
    let height: Int
    let width: Int
    let access: Access

    /// Size as the convolution sees it.
    var viewHeight: Int { access == .direct ? height : access == .maxPooled ? height / 2 : height * 2 }
    var viewWidth: Int { access == .direct ? width : access == .maxPooled ? width / 2 : width * 2 }

    /// Row `y` of channel `c` as seen, either in place or built into `scratch` (`viewWidth` floats).
    func row(_ c: Int, _ y: Int, scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        let plane = base + c * height * width
        switch access {
        case .direct:
            return plane + y * width
        case .maxPooled:
            // torch.max_pool2d(x, [2, 2], [2, 2], [0, 0], [1, 1]) on even sizes.
            let top = plane + 2 * y * width, bottom = top + width
            for x in 0..<viewWidth {
                scratch[x] = max(max(top[2 * x], top[2 * x + 1]), max(bottom[2 * x], bottom[2 * x + 1]))
            }
            return UnsafePointer(scratch)
        case .upsampled:
            // torch.upsample_nearest2d(x, None, [2., 2.]): output (y, x) reads input (y / 2, x / 2).
            let source = plane + (y / 2) * width
            for x in 0..<width {
                scratch[2 * x] = source[x]
                scratch[2 * x + 1] = source[x]
            }
            return UnsafePointer(scratch)
        }
    }
}

/// Where a convolution's result goes: stored or added (`+=`, the blocks' residual sums), at the
/// convolution's own size or nearest-neighbour upsampled ×2 (a 1×1 convolution of an upsampled map
/// equals the upsampled 1×1 convolution, so it is computed on the small map).
struct FeatureDestination {
    let base: UnsafeMutablePointer<Float>
    /// Stored size (twice the convolution's size when `upsampled`).
    let height: Int
    let width: Int
    var accumulate = false
    var upsampled = false
}

/// Scratch memory for `ConvolutionKernel`, grown on demand and reused across layers and tiles.
final class ConvolutionScratch {
    private(set) var columns = ScratchBuffer()
    private(set) var product = ScratchBuffer()
    private(set) var row = ScratchBuffer()

    /// Floats held.
    var count: Int { columns.count + product.count + row.count }

    func reserve(columns c: Int, product p: Int, row r: Int) {
        columns.reserve(c)
        product.reserve(p)
        row.reserve(r)
    }
}

/// A growable float buffer owned by its holder (freed on deinit).
final class ScratchBuffer {
    private(set) var pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var count = 0

    func reserve(_ n: Int) {
        guard n > count else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: n)
        count = n
    }

    deinit { pointer.deallocate() }
}

/// Convolution with "same" zero padding, stride 1, as im2col + `cblas_sgemm`, in bands of rows.
///
/// For each band of output rows the input columns (`inChannels · k²` rows × band pixels) are
/// gathered with whole-row copies, multiplied by the folded weights (`outChannels × inChannels · k²`)
/// in one sgemm, and the product goes through the epilogue: `+ bias`, ReLU when the unit has one,
/// then store or add into the destination. A 1×1 convolution of a directly read map skips the
/// gathering: its columns are the map itself. Bands keep the gathered matrix near `bandFloats`
/// floats, so memory stays bounded by the tile, not by `inChannels · k²` times it. Bands are shared
/// among the workers (one scratch each), which write disjoint rows of the destination.
enum ConvolutionKernel {
    static let bandFloats = 1 << 20

    static func run(_ unit: FoldedConvolution, from source: FeatureSource, into destination: FeatureDestination,
                    scratch: [ConvolutionScratch]) {
        precondition(source.channels == unit.inChannels, "channel mismatch")
        if let transformed = unit.winograd {
            WinogradKernel.run(unit, transformed: transformed, from: source, into: destination, scratch: scratch)
            return
        }
        let height = source.viewHeight, width = source.viewWidth
        let k = unit.kernelSize, kk = unit.columns
        let gathers = k != 1 || source.access != .direct
        let rowsPerBand = Bands.size(total: height, preferred: bandFloats / max(1, kk * width), workers: scratch.count)
        for s in scratch {
            s.reserve(columns: gathers ? kk * rowsPerBand * width : 0, product: unit.outChannels * rowsPerBand * width,
                      row: 2 * width + 2)
        }
        Bands.run(total: height, size: rowsPerBand, workers: scratch.count) { rows, worker in
            let s = scratch[worker], n = rows.count * width
            let b: UnsafePointer<Float>, ldb: Int
            if gathers {
                gather(source, kernel: k, rows: rows, into: s.columns.pointer, rowScratch: s.row.pointer)
                (b, ldb) = (UnsafePointer(s.columns.pointer), n)
            } else {
                (b, ldb) = (source.base + rows.lowerBound * width, source.height * source.width)
            }
            unit.weights.withUnsafeBufferPointer { weights in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(unit.outChannels), Int32(n), Int32(kk),
                            1, weights.baseAddress, Int32(kk), b, Int32(ldb), 0, s.product.pointer, Int32(n))
            }
            epilogue(unit, product: s.product.pointer, rows: rows, width: width, into: destination)
        }
    }

    /// im2col of rows `rows`: column-matrix row (c, ky, kx) holds input row y + ky − p, shifted by
    /// kx − p, for every output row y of the band, zero outside the map (p = k / 2).
    private static func gather(_ source: FeatureSource, kernel k: Int, rows: Range<Int>,
                               into columns: UnsafeMutablePointer<Float>, rowScratch: UnsafeMutablePointer<Float>) {
        let height = source.viewHeight, width = source.viewWidth, n = rows.count * width, pad = k / 2
        let bytes = width * MemoryLayout<Float>.stride
        for c in 0..<source.channels {
            for ky in 0..<k {
                for y in rows {
                    let sy = y + ky - pad
                    let out = columns + ((c * k + ky) * k) * n + (y - rows.lowerBound) * width
                    guard sy >= 0, sy < height else {
                        for kx in 0..<k { memset(out + kx * n, 0, bytes) }
                        continue
                    }
                    let line = source.row(c, sy, scratch: rowScratch)
                    if k == 1 {
                        memcpy(out, line, bytes)
                        continue
                    }
                    // kx = 0: out[x] = line[x − 1]; kx = 1: out = line; kx = 2: out[x] = line[x + 1].
                    out[0] = 0
                    memcpy(out + 1, line, bytes - 4)
                    memcpy(out + n, line, bytes)
                    memcpy(out + 2 * n, line + 1, bytes - 4)
                    out[2 * n + width - 1] = 0
                }
            }
        }
    }

    /// destination (=|+=) act(product + bias), per output channel, for the band's rows.
    private static func epilogue(_ unit: FoldedConvolution, product: UnsafeMutablePointer<Float>, rows: Range<Int>,
                                 width: Int, into d: FeatureDestination) {
        let n = rows.count * width
        for c in 0..<unit.outChannels {
            let bias = unit.bias[c]
            let src = product + c * n
            if unit.relu {
                for i in 0..<n { src[i] = max(src[i] + bias, 0) }
            } else {
                for i in 0..<n { src[i] += bias }
            }
            let plane = d.base + c * d.height * d.width
            if !d.upsampled {
                let out = plane + rows.lowerBound * width
                if d.accumulate {
                    for i in 0..<n { out[i] += src[i] }
                } else {
                    memcpy(out, src, n * MemoryLayout<Float>.stride)
                }
                continue
            }
            precondition(!d.accumulate, "upsampled accumulation is not needed by the network")
            for y in rows {
                let line = src + (y - rows.lowerBound) * width
                let top = plane + 2 * y * d.width
                for x in 0..<width {
                    top[2 * x] = line[x]
                    top[2 * x + 1] = line[x]
                }
                memcpy(top + d.width, top, d.width * MemoryLayout<Float>.stride)
            }
        }
    }
}

/// Splitting a map's rows into bands and running them on several workers.
enum Bands {
    /// Rows per band: `preferred` (≥ 1), but small enough that every worker gets a band.
    static func size(total: Int, preferred: Int, workers: Int) -> Int {
        max(1, min(total, preferred, (total + workers - 1) / workers))
    }

    /// Calls `body(rows, worker)` for every band of `size` rows of `0..<total`; worker w takes bands
    /// w, w + workers, … (`DispatchQueue.concurrentPerform`; inline for one worker).
    static func run(total: Int, size: Int, workers: Int, _ body: (Range<Int>, Int) -> Void) {
        let count = (total + size - 1) / size
        guard workers > 1, count > 1 else {
            for index in 0..<count { body(index * size..<min(total, (index + 1) * size), 0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: min(workers, count)) { worker in
                for index in stride(from: worker, to: count, by: workers) {
                    shared.value(index * size..<min(total, (index + 1) * size), worker)
                }
            }
        }
    }
}

/// Lends a value to `concurrentPerform`'s workers; the callers guarantee they touch disjoint memory.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
